import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { JSONScalar } from '@rampart/platform';
import { RISK_LEVELS, type RiskLevel } from '../graph/path-types/path-type.model';
import { AssetReference } from './asset-reference.model';

export const RiskLevelEnum = Object.fromEntries(RISK_LEVELS.map((level) => [level, level])) as { [K in RiskLevel]: K };
registerEnumType(RiskLevelEnum, { name: 'RiskLevel', description: 'Set by the path type: SERIOUS, SUSPICIOUS or REMIND' });

@ObjectType('AttackPathNode')
export class AttackPathNodeModel {
  @Field(() => AssetReference, { nullable: true, description: 'Null for virtual nodes such as the internet' })
  asset!: AssetReference | null;
  @Field(() => ID)
  nodeId!: string;
  @Field()
  kind!: string;
  @Field({ description: 'Display name of the node' })
  name!: string;
}

@ObjectType('AttackPathLink')
export class AttackPathEdgeModel {
  @Field(() => ID, { description: '`<relation>|<from>|<to>`' })
  id!: string;
  @Field(() => ID)
  from!: string;
  @Field(() => ID)
  to!: string;
  @Field()
  relation!: string;
  @Field()
  reason!: string;
  @Field(() => JSONScalar, { description: 'Configuration facts the edge rests on: [{ assetId field value }]' })
  evidence!: unknown;
  @Field({ description: 'The edge rests on data the import could not collect' })
  unknown!: boolean;
}

@ObjectType('AttackPath')
export class AttackPathModel {
  @Field(() => ID)
  id!: string;
  @Field({ description: 'Stable path type id, e.g. EXPOSED_ECS_ROLE_TO_OSS' })
  type!: string;
  @Field({ description: 'Row of the reference model, e.g. AP02' })
  apId!: string;
  @Field()
  name!: string;
  @Field(() => RiskLevelEnum)
  riskLevel!: RiskLevel;
  @Field(() => Float)
  score!: number;
  @Field(() => Int)
  hops!: number;
  @Field({ description: 'Some edge rests on data the import could not collect' })
  unknown!: boolean;
  @Field({ description: 'Whitelisted paths are hidden from attackPaths and choke points' })
  whitelisted!: boolean;
  @Field(() => AssetReference, { nullable: true })
  entry!: AssetReference | null;
  @Field(() => AssetReference, { nullable: true })
  target!: AssetReference | null;
  @Field(() => [AttackPathNodeModel])
  nodes!: AttackPathNodeModel[];
  @Field(() => [AttackPathEdgeModel])
  edges!: AttackPathEdgeModel[];
}
