import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Requires, type Identity } from '@rampart/platform';
import { AssetReference } from './asset-reference.model';
import { AttackPathConnectionModel } from './attack-path-connection.model';
import { AttackPathsService } from './attack-paths.service';

@Resolver(() => AssetReference)
export class AssetAttackPathsResolver {
  constructor(private readonly paths: AttackPathsService) {}

  @ResolveField(() => AttackPathConnectionModel, { description: 'Attack paths that pass through this asset, ranked by score' })
  @Requires('read')
  attackPaths(
    @CurrentIdentity() identity: Identity,
    @Parent() asset: AssetReference,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<AttackPathConnectionModel> {
    return this.paths.list(identity.tenantId, { assetId: asset.id }, first, after);
  }
}
