import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Requires, type Identity } from '@rampart/platform';
import { AttackPathsEntitlementService } from '../entitlements/attack-paths-entitlement.service';
import { AssetReference } from './asset-reference.model';
import { AttackPathConnectionModel } from './attack-path-connection.model';
import { AttackPathFilterInput } from './attack-path-filter.input';
import { AttackPathTopologyModel } from './attack-path-topology.model';
import { AttackPathModel } from './attack-path.model';
import { AttackPathsService } from './attack-paths.service';
import { ChokePointModel } from './choke-point.model';

/** CONTRACT §5 attack paths; every operation needs an edition that includes attack path analysis. */
@Resolver(() => AttackPathModel)
export class AttackPathsResolver {
  constructor(
    private readonly paths: AttackPathsService,
    private readonly entitlement: AttackPathsEntitlementService,
  ) {}

  @Query(() => AttackPathConnectionModel, { description: 'Attack paths ranked by score, whitelisted ones left out' })
  @Requires('read')
  async attackPaths(
    @CurrentIdentity() identity: Identity,
    @Args('filter', { type: () => AttackPathFilterInput, nullable: true }) filter: AttackPathFilterInput | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<AttackPathConnectionModel> {
    await this.entitlement.require(identity.tenantId);
    return this.paths.list(identity.tenantId, filter ?? {}, first, after);
  }

  @Query(() => AttackPathModel, { nullable: true })
  @Requires('read')
  async attackPath(@CurrentIdentity() identity: Identity, @Args('id', { type: () => ID }) id: string): Promise<AttackPathModel | null> {
    await this.entitlement.require(identity.tenantId);
    return this.paths.byId(identity.tenantId, id);
  }

  @Query(() => [AttackPathModel], { description: 'Up to k routes of the same type between the path\'s entry and target, the path itself first' })
  @Requires('read')
  async attackPathAlternatives(
    @CurrentIdentity() identity: Identity,
    @Args('id', { type: () => ID }) id: string,
    @Args('k', { type: () => Int, nullable: true, defaultValue: 3 }) k: number,
  ): Promise<AttackPathModel[]> {
    await this.entitlement.require(identity.tenantId);
    return this.paths.alternatives(identity.tenantId, id, k);
  }

  @Query(() => [AssetReference], { description: 'Assets an attacker who holds this asset can reach' })
  @Requires('read')
  async blastRadius(@CurrentIdentity() identity: Identity, @Args('assetId', { type: () => ID }) assetId: string): Promise<AssetReference[]> {
    await this.entitlement.require(identity.tenantId);
    return this.paths.blastRadius(identity.tenantId, assetId);
  }

  @Query(() => [ChokePointModel], { description: 'Nodes whose fix breaks the most paths' })
  @Requires('read')
  async chokePoints(
    @CurrentIdentity() identity: Identity,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
  ): Promise<ChokePointModel[]> {
    await this.entitlement.require(identity.tenantId);
    return this.paths.chokePoints(identity.tenantId, first);
  }

  @Query(() => AttackPathTopologyModel, { description: 'Nodes and edges of the given paths (default: the top `first` by score), each once, for drawing' })
  @Requires('read')
  async attackPathTopology(
    @CurrentIdentity() identity: Identity,
    @Args('ids', { type: () => [ID], nullable: true }) ids: string[] | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
  ): Promise<AttackPathTopologyModel> {
    await this.entitlement.require(identity.tenantId);
    return this.paths.topology(identity.tenantId, ids, first);
  }

  @Mutation(() => AssetReference, { description: 'Declares an asset a crown jewel (or not); its paths are recomputed shortly after' })
  @Requires('scan')
  async setSensitiveAsset(
    @CurrentIdentity() identity: Identity,
    @Args('assetId', { type: () => ID }) assetId: string,
    @Args('sensitive') sensitive: boolean,
  ): Promise<AssetReference> {
    await this.entitlement.require(identity.tenantId);
    return this.paths.setSensitiveAsset(identity.tenantId, assetId, sensitive);
  }

  @Mutation(() => AttackPathModel, { description: 'Hides a path from attackPaths and choke points; its id survives recomputes' })
  @Requires('scan')
  async whitelistAttackPath(
    @CurrentIdentity() identity: Identity,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ): Promise<AttackPathModel> {
    await this.entitlement.require(identity.tenantId);
    return this.paths.addToWhitelist(identity.tenantId, id, reason, identity.subject);
  }

  @Mutation(() => Boolean)
  @Requires('scan')
  async removeAttackPathWhitelist(@CurrentIdentity() identity: Identity, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    await this.entitlement.require(identity.tenantId);
    return this.paths.removeFromWhitelist(identity.tenantId, id);
  }
}
