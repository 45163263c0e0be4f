import { Args, Parent, Query, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import { Requires } from '@rampart/platform';
import { CheckResultModel } from '../results/check-result.model';
import { CheckCatalogueService } from './check-catalogue.service';
import { CheckItemFilterInput } from './check-item-filter.input';
import { CheckItemModel, toCheckItemModel } from './check-item.model';

@Resolver(() => CheckItemModel)
export class CheckItemsResolver {
  constructor(private readonly catalogue: CheckCatalogueService) {}

  @Query(() => [CheckItemModel], { description: 'The configuration check catalogue' })
  @Requires('read')
  checkItems(@Args('filter', { type: () => CheckItemFilterInput, nullable: true }) filter: CheckItemFilterInput | null): CheckItemModel[] {
    return this.catalogue.list(filter ?? {}).map(toCheckItemModel);
  }

  @ResolveReference()
  @Requires('read')
  resolveReference(@Parent() reference: { id: string }): CheckItemModel | null {
    const item = this.catalogue.item(reference.id);
    return item ? toCheckItemModel(item) : null;
  }
}

@Resolver(() => CheckResultModel)
export class CheckResultItemResolver {
  constructor(private readonly catalogue: CheckCatalogueService) {}

  @ResolveField(() => CheckItemModel, { nullable: true, description: 'The check item this result evaluates' })
  @Requires('read')
  checkItem(@Parent() result: CheckResultModel): CheckItemModel | null {
    const item = this.catalogue.item(result.checkItemId);
    return item ? toCheckItemModel(item) : null;
  }
}
