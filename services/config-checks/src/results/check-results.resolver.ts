import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Requires, type Identity } from '@rampart/platform';
import { CheckResultConnectionModel } from './check-result-connection.model';
import { CheckResultFilterInput } from './check-result-filter.input';
import { resultQueryOf } from './check-result-query';
import { CheckResultModel } from './check-result.model';
import { CheckResultsService } from './check-results.service';

@Resolver(() => CheckResultModel)
export class CheckResultsResolver {
  constructor(private readonly results: CheckResultsService) {}

  @Query(() => CheckResultConnectionModel)
  @Requires('read')
  checkResults(
    @CurrentIdentity() identity: Identity,
    @Args('filter', { type: () => CheckResultFilterInput, nullable: true }) filter: CheckResultFilterInput | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<CheckResultConnectionModel> {
    return this.results.list(identity.tenantId, resultQueryOf(filter), first, after);
  }
}
