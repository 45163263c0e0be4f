import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Requires, type Identity } from '@rampart/platform';
import { WeakPasswordWordsService } from './weak-password-words.service';

@Resolver()
export class WeakPasswordWordsResolver {
  constructor(private readonly words: WeakPasswordWordsService) {}

  @Query(() => [String], { description: 'The tenant\'s custom dictionary words; the agent tests host passwords against them too' })
  @Requires('scan')
  weakPasswordWords(@CurrentIdentity() identity: Identity): Promise<string[]> {
    return this.words.words(identity.tenantId);
  }

  @Mutation(() => [String], { description: 'Replaces the tenant\'s custom dictionary words (at most 10,000, each 1–128 characters)' })
  @Requires('scan')
  setWeakPasswordWords(@CurrentIdentity() identity: Identity, @Args('words', { type: () => [String] }) words: string[]): Promise<string[]> {
    return this.words.replace(identity.tenantId, words);
  }
}
