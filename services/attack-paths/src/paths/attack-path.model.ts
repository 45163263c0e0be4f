import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '@rampart/platform';
import { AssetReference } from './asset-reference.model';

@ObjectType('AttackPathNode')
export class AttackPathNodeModel {
  @Field(() => AssetReference, { nullable: true, description: 'Null for virtual nodes such as the internet' })
  asset!: AssetReference | null;
  @Field(() => ID)
  nodeId!: string;
  @Field()
  kind!: string;
}

@ObjectType('AttackPathLink')
export class AttackPathEdgeModel {
  @Field(() => ID)
  from!: string;
  @Field(() => ID)
  to!: string;
  @Field()
  relation!: string;
  @Field()
  reason!: string;
  @Field(() => JSONScalar)
  evidence!: unknown;
}

@ObjectType('AttackPath')
export class AttackPathModel {
  @Field(() => ID)
  id!: string;
  @Field()
  type!: string;
  @Field({ description: 'SERIOUS | SUSPICIOUS | REMIND' })
  riskLevel!: string;
  @Field(() => Float)
  score!: number;
  @Field(() => AssetReference, { nullable: true })
  entry!: AssetReference | null;
  @Field(() => AssetReference, { nullable: true })
  target!: AssetReference | null;
  @Field(() => [AttackPathNodeModel])
  nodes!: AttackPathNodeModel[];
  @Field(() => [AttackPathEdgeModel])
  edges!: AttackPathEdgeModel[];
}
