import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Requires, type Identity } from '@rampart/platform';
import { AssetReference } from './asset-reference.model';
import { CheckResultConnectionModel } from './check-result-connection.model';
import { CheckResultsService } from './check-results.service';

@Resolver(() => AssetReference)
export class AssetCheckResultsResolver {
  constructor(private readonly results: CheckResultsService) {}

  @ResolveField(() => CheckResultConnectionModel, { description: 'Configuration check results of this asset' })
  @Requires('read')
  checkResults(
    @CurrentIdentity() identity: Identity,
    @Parent() asset: AssetReference,
    @Args('status', { type: () => [String], nullable: true }) status: string[] | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<CheckResultConnectionModel> {
    return this.results.list(identity.tenantId, { assetId: asset.id, statuses: status ?? undefined }, first, after);
  }
}
