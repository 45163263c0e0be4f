import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Requires, type Identity } from '@rampart/platform';
import { AttackPathsEntitlementService } from '../entitlements/attack-paths-entitlement.service';
import { AssetReference } from './asset-reference.model';
import { AttackPathConnectionModel } from './attack-path-connection.model';
import { AttackPathsService } from './attack-paths.service';

@Resolver(() => AssetReference)
export class AssetAttackPathsResolver {
  constructor(
    private readonly paths: AttackPathsService,
    private readonly entitlement: AttackPathsEntitlementService,
  ) {}

  @ResolveField(() => AttackPathConnectionModel, { description: 'Attack paths that pass through this asset, ranked by score' })
  @Requires('read')
  async attackPaths(
    @CurrentIdentity() identity: Identity,
    @Parent() asset: AssetReference,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<AttackPathConnectionModel> {
    await this.entitlement.require(identity.tenantId);
    return this.paths.list(identity.tenantId, { assetId: asset.id }, first, after);
  }
}
