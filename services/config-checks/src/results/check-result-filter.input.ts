import { Field, ID, InputType } from '@nestjs/graphql';

@InputType('CheckResultFilter')
export class CheckResultFilterInput {
  @Field(() => [String], { nullable: true, description: 'PASS | FAIL | ERROR | NOT_APPLICABLE | WHITELISTED' })
  status?: string[] | null;
  @Field(() => String, { nullable: true })
  severity?: string | null;
  @Field(() => ID, { nullable: true })
  checkItemId?: string | null;
  @Field(() => ID, { nullable: true })
  assetId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Results last evaluated by this task' })
  scanId?: string | null;
  @Field(() => String, { nullable: true, description: "The check item's product (ECS, OSS, RAM, …)" })
  product?: string | null;
  @Field(() => String, { nullable: true, description: 'Check items mapped to this standard (e.g. CIS_ALIBABA_2_0)' })
  standard?: string | null;
  @Field(() => String, { nullable: true, description: "The asset's cloud account" })
  accountId?: string | null;
  @Field(() => String, { nullable: true, description: "The asset's region; `global` for assets without one (RAM, the account)" })
  region?: string | null;
  @Field(() => String, {
    nullable: true,
    description: "Case-insensitive text in the asset's name or id, or the check item's id or title",
  })
  search?: string | null;
}
