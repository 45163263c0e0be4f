import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Entitlements', { description: 'What the tenant may do now, as every service is told' })
export class EntitlementsModel {
  @Field()
  edition!: string;
  @Field()
  model!: string;
  @Field({ description: 'ALL | FREE_ONLY' })
  configCheckItems!: string;
  @Field(() => [String], { description: 'DETECT, VERIFY, FIX' })
  configCheckOperations!: string[];
  @Field({ description: 'NONE | WEAK_PASSWORD_ONLY | ALL_BUT_CONTAINER | ALL' })
  baselineItems!: string;
  @Field(() => [String])
  baselineOperations!: string[];
  @Field()
  attackPaths!: boolean;
  @Field()
  ksmpCheckItems!: boolean;
  @Field(() => Int)
  legacyFreeItemCount!: number;
  @Field()
  quotaMetered!: boolean;
  @Field()
  baselineQuotaMetered!: boolean;
}
