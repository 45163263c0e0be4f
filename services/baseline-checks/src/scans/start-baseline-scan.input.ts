import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class StartBaselineScanInput {
  @Field(() => [ID], { nullable: true, description: 'Hosts to scan; all reported hosts when omitted' })
  hostIds?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Items to run (within the policy when one is given)' })
  checkItemIds?: string[] | null;
  @Field(() => ID, { nullable: true, description: 'A policy from createBaselinePolicy; its parameters apply' })
  policyId?: string | null;
}
