import { Field, ID, InputType } from '@nestjs/graphql';

@InputType('StartScanInput')
export class StartScanInput {
  @Field(() => [ID], { nullable: true, description: 'Items to run; the whole catalogue when omitted' })
  checkItemIds?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Assets to evaluate; the whole inventory when omitted' })
  assetIds?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Only items referencing this standard' })
  standard?: string | null;
  @Field(() => String, { nullable: true, description: 'The same key always names the same task' })
  idempotencyKey?: string | null;
}
