import { Args, ID, Int, Parent, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { CurrentIdentity, Requires, type Identity } from '@rampart/platform';
import { BaselineResultConnectionModel } from './baseline-result-connection.model';
import { BaselineResultFilter } from './baseline-result-filter.input';
import { BaselineResultModel } from './baseline-result.model';
import { BaselineResultsService } from './baseline-results.service';

@Resolver(() => BaselineResultModel)
export class BaselineResultsResolver {
  constructor(private readonly results: BaselineResultsService) {}

  @Query(() => BaselineResultConnectionModel, { description: 'Baseline results, one per (check item, host), by host then item' })
  @Requires('read')
  baselineResults(
    @CurrentIdentity() identity: Identity,
    @Args('filter', { type: () => BaselineResultFilter, nullable: true }) filter: BaselineResultFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    return this.results.list(identity.tenantId, filter, first, after);
  }

  @Query(() => BaselineResultModel, { nullable: true })
  @Requires('read')
  baselineResult(@CurrentIdentity() identity: Identity, @Args('id', { type: () => ID }) id: string) {
    return this.results.byId(identity.tenantId, id);
  }

  @ResolveReference()
  @Requires('read')
  resolveReference(@Parent() reference: { id: string }, @CurrentIdentity() identity: Identity) {
    return this.results.byId(identity.tenantId, reference.id);
  }
}
