import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Requires, type Identity } from '@rampart/platform';
import { AddWhitelistRuleInput } from './add-whitelist-rule.input';
import { WhitelistRuleModel } from './whitelist-rule.model';
import { WhitelistService } from './whitelist.service';

@Resolver(() => WhitelistRuleModel)
export class WhitelistResolver {
  constructor(private readonly whitelist: WhitelistService) {}

  @Mutation(() => WhitelistRuleModel, { description: 'Results of that item (on those assets) read as WHITELISTED while the rule lives' })
  @Requires('scan')
  addWhitelistRule(@CurrentIdentity() identity: Identity, @Args('input', { type: () => AddWhitelistRuleInput }) input: AddWhitelistRuleInput) {
    return this.whitelist.add(identity.tenantId, input);
  }

  @Mutation(() => Boolean)
  @Requires('scan')
  removeWhitelistRule(@CurrentIdentity() identity: Identity, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.whitelist.remove(identity.tenantId, id);
  }
}
