import { Module } from '@nestjs/common';
import { AttackPathsEntitlementService } from '../entitlements/attack-paths-entitlement.service';
import { PathRecomputeService } from '../recompute/path-recompute.service';
import { AssetAttackPathsResolver } from './asset-attack-paths.resolver';
import { AttackPathsResolver } from './attack-paths.resolver';
import { AttackPathsService } from './attack-paths.service';

@Module({
  providers: [AssetAttackPathsResolver, AttackPathsResolver, AttackPathsService, AttackPathsEntitlementService, PathRecomputeService],
  exports: [AttackPathsService, PathRecomputeService],
})
export class PathsModule {}
