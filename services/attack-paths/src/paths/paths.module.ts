import { Module } from '@nestjs/common';
import { AssetAttackPathsResolver } from './asset-attack-paths.resolver';
import { AttackPathsService } from './attack-paths.service';

@Module({ providers: [AssetAttackPathsResolver, AttackPathsService], exports: [AttackPathsService] })
export class PathsModule {}
