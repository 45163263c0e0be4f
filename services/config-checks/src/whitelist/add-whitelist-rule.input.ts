import { Field, ID, InputType } from '@nestjs/graphql';

@InputType('AddWhitelistRuleInput')
export class AddWhitelistRuleInput {
  @Field(() => ID)
  checkItemId!: string;
  @Field(() => [ID], { nullable: true, description: 'Every asset when omitted' })
  assetIds?: string[] | null;
  @Field()
  reason!: string;
  @Field(() => Date, { nullable: true })
  expiresAt?: Date | null;
}
