import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '@rampart/platform';
import { AssetReference } from './asset-reference.model';

@ObjectType('CheckResult')
@Directive('@key(fields: "id")')
export class CheckResultModel {
  @Field(() => ID)
  id!: string;
  @Field({ description: 'PASS | FAIL | ERROR | NOT_APPLICABLE | WHITELISTED' })
  status!: string;
  @Field()
  reason!: string;
  @Field(() => JSONScalar)
  evidence!: unknown;
  @Field(() => ID)
  checkItemId!: string;
  @Field()
  severity!: string;
  @Field(() => AssetReference)
  asset!: AssetReference;
  @Field()
  firstSeenAt!: Date;
  @Field()
  lastSeenAt!: Date;
}
