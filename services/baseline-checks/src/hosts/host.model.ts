import { Directive, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { AssetReference } from './asset-reference.model';

@ObjectType('BaselineHostScore')
export class BaselineHostScoreModel {
  @Field({ description: 'CIS_DEBIAN_12 | MLPS_2_0_L3 | WEAK_PASSWORD' })
  standard!: string;
  @Field(() => Int)
  passed!: number;
  @Field(() => Int)
  failed!: number;
  @Field(() => Int)
  errors!: number;
  @Field(() => Int)
  manual!: number;
  @Field(() => Int)
  notApplicable!: number;
  @Field(() => Float, { nullable: true, description: 'passed / (passed + failed + errors) × 100; NOT_APPLICABLE and MANUAL excluded' })
  score!: number | null;
}

@ObjectType('Host')
@Directive('@key(fields: "id")')
export class HostModel {
  @Field(() => ID)
  id!: string;
  @Field()
  hostname!: string;
  @Field(() => String, { nullable: true, description: 'The cloud instance id (e.g. the ECS instance id) the agent runs on' })
  instanceId!: string | null;
  @Field(() => AssetReference, { nullable: true, description: 'The ECS instance asset whose resource id is instanceId, once the inventory lists it' })
  asset!: AssetReference | null;
  @Field()
  reportedAt!: Date;
  @Field(() => String, { nullable: true, description: 'os-release PRETTY_NAME (or ID VERSION_ID)' })
  os!: string | null;
  @Field(() => [BaselineHostScoreModel], { description: 'Score per standard of the last baseline scan' })
  scores!: BaselineHostScoreModel[];
}
