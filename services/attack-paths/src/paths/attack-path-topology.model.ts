import { Field, ID, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '@rampart/platform';

@ObjectType('AttackPathTopologyNode')
export class AttackPathTopologyNodeModel {
  @Field(() => ID)
  id!: string;
  @Field()
  kind!: string;
  @Field()
  label!: string;
  @Field(() => ID, { nullable: true, description: 'Null for virtual nodes such as the internet' })
  assetId!: string | null;
  @Field({ description: 'Starts one of the paths' })
  entry!: boolean;
  @Field({ description: 'Ends one of the paths' })
  target!: boolean;
  @Field({ description: 'Fixing it breaks at least one of the paths' })
  chokePoint!: boolean;
  @Field(() => [ID])
  pathIds!: string[];
}

@ObjectType('AttackPathTopologyEdge')
export class AttackPathTopologyEdgeModel {
  @Field(() => ID)
  id!: string;
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
  @Field()
  unknown!: boolean;
  @Field(() => [ID])
  pathIds!: string[];
}

@ObjectType('AttackPathTopology')
export class AttackPathTopologyModel {
  @Field(() => [AttackPathTopologyNodeModel])
  nodes!: AttackPathTopologyNodeModel[];
  @Field(() => [AttackPathTopologyEdgeModel])
  edges!: AttackPathTopologyEdgeModel[];
}
