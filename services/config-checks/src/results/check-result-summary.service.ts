import { Inject, Injectable } from '@nestjs/common';
import { TENANT_DATABASE, type TenantDatabase } from '@rampart/platform';
import { CHECK_CATALOGUE } from '../checks';
import { summariseCounts, type ItemStatusCount } from './check-result-summary';
import type { CheckResultSummaryModel } from './check-result-summary.model';

/**
 * The tenant's current results per check item and status as read: the results list's rule (WHITELISTED while a live
 * rule names the item, for every asset or for this one; results of removed assets left out), with the live rules
 * read once as two sets instead of probed per result.
 */
const COUNTS_BY_ITEM_AND_STATUS = `
  WITH live AS (SELECT check_item_id, asset_ids FROM whitelist_rules WHERE expires_at IS NULL OR expires_at > now())
  SELECT r.check_item_id AS "checkItemId", CASE
      WHEN r.check_item_id IN (SELECT check_item_id FROM live WHERE asset_ids IS NULL)
        OR (r.check_item_id, r.asset_id) IN (SELECT check_item_id, unnest(asset_ids) FROM live)
      THEN 'WHITELISTED' ELSE r.status END AS status,
    count(*)::int AS count
  FROM check_results r
  JOIN asset_replica a ON a.tenant_id = r.tenant_id AND a.id = r.asset_id AND NOT a.removed
  GROUP BY 1, 2`;

@Injectable()
export class CheckResultSummaryService {
  constructor(@Inject(TENANT_DATABASE) private readonly database: TenantDatabase) {}

  async summary(tenantId: string): Promise<CheckResultSummaryModel> {
    const counts = (await this.database.run(tenantId, (manager) => manager.query(COUNTS_BY_ITEM_AND_STATUS))) as ItemStatusCount[];
    return summariseCounts(counts, CHECK_CATALOGUE);
  }
}
