import { Args, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { Requires } from '@rampart/platform';
import { BaselineCheckItemFilter } from './baseline-check-item-filter.input';
import { BaselineCheckItemModel } from './baseline-check-item.model';
import { BASELINE_CATALOGUE, type BaselineCatalogueView } from './baseline-catalogue.token';

@Resolver(() => BaselineCheckItemModel)
export class BaselineItemsResolver {
  constructor(@Inject(BASELINE_CATALOGUE) private readonly catalogue: BaselineCatalogueView) {}

  @Query(() => [BaselineCheckItemModel], { description: 'The host baseline check items, by standard or category' })
  @Requires('read')
  baselineCheckItems(
    @Args('filter', { type: () => BaselineCheckItemFilter, nullable: true }) filter: BaselineCheckItemFilter | null,
  ): BaselineCheckItemModel[] {
    return this.catalogue
      .items()
      .filter((item) => !filter?.standard || item.standards.some((ref) => ref.standard === filter.standard))
      .filter((item) => !filter?.category || item.category === filter.category);
  }
}
