import { Inject, Injectable } from '@nestjs/common';
import { TENANT_DATABASE, type TenantDatabase } from '@rampart/platform';
import { CHECK_CATALOGUE } from '../checks';
import { summariseCounts, type ItemStatusCount } from './check-result-summary';
import { EFFECTIVE_RESULTS } from './check-results.service';
import type { CheckResultSummaryModel } from './check-result-summary.model';

/** The tenant's current results per check item and status as read: the results list's own rule and rows. */
const COUNTS_BY_ITEM_AND_STATUS = `
  SELECT results.check_item_id AS "checkItemId", results.effective_status AS status, count(*)::int AS count
  FROM ${EFFECTIVE_RESULTS}
  GROUP BY 1, 2`;

@Injectable()
export class CheckResultSummaryService {
  constructor(@Inject(TENANT_DATABASE) private readonly database: TenantDatabase) {}

  async summary(tenantId: string): Promise<CheckResultSummaryModel> {
    const counts = (await this.database.run(tenantId, (manager) => manager.query(COUNTS_BY_ITEM_AND_STATUS))) as ItemStatusCount[];
    return summariseCounts(counts, CHECK_CATALOGUE);
  }
}
