import { Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Requires, type Identity } from '@rampart/platform';
import { CheckResultSummaryModel } from './check-result-summary.model';
import { CheckResultSummaryService } from './check-result-summary.service';

/** Counts for dashboards, so clients need not download every result to tally them. */
@Resolver(() => CheckResultSummaryModel)
export class CheckResultSummaryResolver {
  constructor(private readonly summaries: CheckResultSummaryService) {}

  @Query(() => CheckResultSummaryModel)
  @Requires('read')
  checkResultSummary(@CurrentIdentity() identity: Identity): Promise<CheckResultSummaryModel> {
    return this.summaries.summary(identity.tenantId);
  }
}
