import { Args, ID, Info, Int, Parent, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { CurrentIdentity, Requires, type Identity } from '@rampart/platform';
import { AssetConnectionModel } from './asset-connection.model';
import { AssetFilter } from './asset-filter.input';
import { AssetModel } from './asset.model';
import { AssetsService } from './assets.service';

@Resolver(() => AssetModel)
export class AssetsResolver {
  constructor(private readonly inventory: AssetsService) {}

  @Query(() => AssetModel, { nullable: true, description: "One of the tenant's assets; null when it does not exist here." })
  @Requires('read')
  asset(@CurrentIdentity() identity: Identity, @Args('id', { type: () => ID }) id: string): Promise<AssetModel | null> {
    return this.inventory.findById(identity.tenantId, id);
  }

  @Query(() => AssetConnectionModel)
  @Requires('read')
  assets(
    @CurrentIdentity() identity: Identity,
    @Args('filter', { type: () => AssetFilter, nullable: true }) filter: AssetFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AssetConnectionModel> {
    return this.inventory.list(identity.tenantId, filter, first, after, selectsTotalCount(info));
  }

  @ResolveReference()
  @Requires('read')
  resolveReference(@Parent() reference: { id: string }, @CurrentIdentity() identity: Identity): Promise<AssetModel | null> {
    return this.inventory.findById(identity.tenantId, reference.id);
  }
}

/** Counting a million rows is the expensive part of a page: only do it when the query asks for `totalCount`. */
export function selectsTotalCount(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.some((node) =>
    (node.selectionSet?.selections ?? []).some((selection) => selection.kind !== 'Field' || selection.name.value === 'totalCount'),
  );
}
