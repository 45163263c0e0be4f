import { Inject, Injectable } from '@nestjs/common';
import { decodeCursor, pageSize, TENANT_DATABASE, toConnection, type Connection, type TenantDatabase } from '@rampart/platform';
import type { Asset } from '@rampart/asset-model';
import { loadReplicatedAssets } from '@rampart/messaging';
import type { ReportableResult } from '../checks';
import type { CheckResultModel } from './check-result.model';
import { GLOBAL_REGION, type CheckResultQuery } from './check-result-query';

interface CheckResultRow {
  id: string;
  check_item_id: string;
  asset_id: string;
  status: string;
  effective_status?: string;
  last_task_id: string | null;
  severity: string;
  reason: string;
  evidence: unknown;
  first_seen_at: Date;
  last_seen_at: Date;
}

function toModel(row: CheckResultRow): CheckResultModel {
  return {
    id: row.id,
    status: row.effective_status ?? row.status,
    reason: row.reason,
    evidence: row.evidence,
    checkItemId: row.check_item_id,
    severity: row.severity,
    asset: { id: row.asset_id },
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
  };
}

/**
 * Results with their status as read (WHITELISTED while a live rule covers them, the evaluated status otherwise),
 * joined to their asset in the replica. A result whose asset was removed from the inventory is not served: it
 * describes nothing that exists any more, and `CheckResult.asset` must resolve. The live rules are read once, as two
 * sets (whole-item rules, and item-asset pairs), not probed per result.
 */
export const EFFECTIVE_RESULTS = `(
  SELECT r.*, CASE
      WHEN r.check_item_id IN (SELECT check_item_id FROM whitelist_rules WHERE asset_ids IS NULL AND (expires_at IS NULL OR expires_at > now()))
        OR (r.check_item_id, r.asset_id) IN (
          SELECT check_item_id, unnest(asset_ids) FROM whitelist_rules WHERE asset_ids IS NOT NULL AND (expires_at IS NULL OR expires_at > now()))
      THEN 'WHITELISTED' ELSE r.status END AS effective_status
  FROM check_results r
) AS results
JOIN asset_replica a ON a.tenant_id = results.tenant_id AND a.id = results.asset_id AND NOT a.removed`;

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

@Injectable()
export class CheckResultsService {
  constructor(@Inject(TENANT_DATABASE) private readonly database: TenantDatabase) {}

  /** Every result of the tenant matching the query (effective status), with the assets they name, for reports. */
  async all(tenantId: string, query: CheckResultQuery): Promise<{ results: ReportableResult[]; assets: Asset[] }> {
    const { where, params } = this.conditions(query);
    return this.database.run(tenantId, async (manager) => {
      const rows = (await manager.query(
        `SELECT results.* FROM ${EFFECTIVE_RESULTS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY results.id`,
        params,
      )) as CheckResultRow[];
      const assets = await loadReplicatedAssets(manager, [...new Set(rows.map((row) => row.asset_id))]);
      const results = rows.map((row): ReportableResult => ({
        id: row.id,
        checkItemId: row.check_item_id,
        assetId: row.asset_id,
        status: (row.effective_status ?? row.status) as ReportableResult['status'],
        reason: row.reason,
        evidence: row.evidence as ReportableResult['evidence'],
        firstSeenAt: row.first_seen_at.toISOString(),
        lastSeenAt: row.last_seen_at.toISOString(),
      }));
      return { results, assets };
    });
  }

  private conditions(query: CheckResultQuery): { where: string[]; params: unknown[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (condition: (placeholder: string) => string, value: unknown) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    if (query.assetId) add((p) => `results.asset_id = ${p}`, query.assetId);
    if (query.statuses?.length) {
      add((p) => `results.effective_status = ANY(${p})`, query.statuses);
      // Without WHITELISTED asked, the stored status must match too: a condition its index can serve.
      if (!query.statuses.includes('WHITELISTED')) add((p) => `results.status = ANY(${p})`, query.statuses);
    }
    if (query.severity) add((p) => `results.severity = ${p}`, query.severity);
    if (query.checkItemId) add((p) => `results.check_item_id = ${p}`, query.checkItemId);
    if (query.scanId) add((p) => `results.last_task_id = ${p}`, query.scanId);
    if (query.checkItemIds) add((p) => `results.check_item_id = ANY(${p})`, query.checkItemIds);
    if (query.accountId) add((p) => `a.account_id = ${p}`, query.accountId);
    if (query.region === GLOBAL_REGION) where.push('a.region IS NULL');
    else if (query.region) add((p) => `a.region = ${p}`, query.region);
    if (query.search) {
      params.push(likePattern(query.search.text), query.search.checkItemIds);
      // Matching assets first (the trigram index), so each side of the OR is an index condition on the results.
      where.push(
        `(results.asset_id = ANY(ARRAY(SELECT id FROM asset_replica WHERE NOT removed AND search_text LIKE $${params.length - 1})) OR results.check_item_id = ANY($${params.length}))`,
      );
    }
    return { where, params };
  }

  async list(tenantId: string, query: CheckResultQuery, first?: number | null, after?: string | null): Promise<Connection<CheckResultModel>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 1);
    const { where, params } = this.conditions(query);
    return this.database.run(tenantId, async (manager) => {
      const countSql = `SELECT count(*)::int AS count FROM ${EFFECTIVE_RESULTS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
      const [{ count }] = (await manager.query(countSql, params)) as Array<{ count: number }>;
      const pageParams = [...params];
      const pageWhere = [...where];
      if (cursor) {
        pageParams.push(cursor[0]);
        pageWhere.push(`results.id > $${pageParams.length}`);
      }
      pageParams.push(limit + 1);
      const rows = (await manager.query(
        `SELECT results.* FROM ${EFFECTIVE_RESULTS} ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''} ORDER BY results.id LIMIT $${pageParams.length}`,
        pageParams,
      )) as CheckResultRow[];
      return toConnection(rows, limit, count, (row) => [row.id], toModel, cursor !== null);
    });
  }
}
