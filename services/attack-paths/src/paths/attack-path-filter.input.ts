import { Field, ID, InputType } from '@nestjs/graphql';
import type { RiskLevel } from '../graph/path-types/path-type.model';
import { RiskLevelEnum } from './attack-path.model';

@InputType('AttackPathFilter')
export class AttackPathFilterInput {
  @Field(() => [RiskLevelEnum], { nullable: true })
  riskLevel?: RiskLevel[] | null;
  @Field(() => String, { nullable: true, description: 'Path type id, e.g. EXPOSED_ECS_ROLE_TO_OSS' })
  type?: string | null;
  @Field(() => ID, { nullable: true })
  entryAssetId?: string | null;
  @Field(() => ID, { nullable: true })
  targetAssetId?: string | null;
}
