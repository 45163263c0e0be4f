import { Field, InputType, Int } from '@nestjs/graphql';

@InputType()
export class PurchaseSubscriptionInput {
  @Field({ description: 'ANTI_VIRUS | ADVANCED | ENTERPRISE | ULTIMATE | VALUE_ADDED' })
  edition!: string;
  @Field(() => Int, { nullable: true, description: 'Quota units of the CSPM service; 0 or absent buys the edition alone' })
  cspmQuota?: number | null;
  @Field(() => Int)
  months!: number;
}
