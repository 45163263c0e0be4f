import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Quota')
export class QuotaModel {
  @Field(() => Int)
  purchased!: number;
  @Field(() => Int)
  consumed!: number;
  @Field(() => Int)
  reserved!: number;
  @Field(() => Int, { nullable: true, description: 'Null on pay-as-you-go (no limit)' })
  remaining!: number | null;
}

@ObjectType('BillingAccount')
export class BillingAccountModel {
  @Field({ description: 'BASIC | ANTI_VIRUS | ADVANCED | ENTERPRISE | ULTIMATE | VALUE_ADDED' })
  edition!: string;
  @Field({ description: 'NONE | SUBSCRIPTION | PAY_AS_YOU_GO' })
  model!: string;
  @Field(() => QuotaModel)
  quota!: QuotaModel;
  @Field(() => Date, { nullable: true })
  subscriptionEndsAt!: Date | null;
  @Field(() => Date, { nullable: true })
  trialEndsAt!: Date | null;
}
