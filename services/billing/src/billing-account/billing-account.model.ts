import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Quota')
export class QuotaModel {
  @Field(() => Int, { description: 'Units bought by subscription or granted by the trial' })
  purchased!: number;
  @Field(() => Int, { description: 'Units charged, on quota and on pay-as-you-go' })
  consumed!: number;
  @Field(() => Int, { description: 'Units held by open reservations' })
  reserved!: number;
  @Field(() => Int, { nullable: true, description: 'Prepaid units left; null on pay-as-you-go (no limit)' })
  remaining!: number | null;
  @Field(() => Int, { description: 'Prepaid units forfeited when a subscription or trial ended' })
  forfeited!: number;
}

@ObjectType('BillingAccount')
export class BillingAccountModel {
  @Field({ description: 'BASIC | ANTI_VIRUS | ADVANCED | ENTERPRISE | ULTIMATE | VALUE_ADDED' })
  edition!: string;
  @Field({ description: 'NONE | SUBSCRIPTION | PAY_AS_YOU_GO' })
  model!: string;
  @Field(() => QuotaModel)
  quota!: QuotaModel;
  @Field(() => Int, { description: 'Units billed on pay-as-you-go' })
  payAsYouGoBilled!: number;
  @Field(() => Date, { nullable: true })
  subscriptionEndsAt!: Date | null;
  @Field(() => Date, { nullable: true })
  trialEndsAt!: Date | null;
  @Field(() => Int, { description: 'Free config-check items kept from before 2023-07-07; 0 = current rules' })
  legacyFreeItemCount!: number;
}
