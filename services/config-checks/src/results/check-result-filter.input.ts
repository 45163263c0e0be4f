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
}
