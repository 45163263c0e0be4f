import { Inject, Injectable } from '@nestjs/common';
import { decodeCursor, pageSize, TENANT_DATABASE, toConnection, type Connection, type TenantDatabase } from '@rampart/platform';
import type { Asset } from '@rampart/asset-model';
import { loadReplicatedAssets } from '@rampart/messaging';
import type { ReportableResult } from '../checks';
import type { CheckResultModel } from './check-result.model';

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

export interface CheckResultQuery {
  assetId?: string;
  statuses?: string[];
  severity?: string;
  checkItemId?: string;
  scanId?: string;
}

/** Results with their status as read: WHITELISTED while a live rule covers them, the evaluated status otherwise. */
const EFFECTIVE_RESULTS = `(
  SELECT r.*, CASE WHEN EXISTS (
      SELECT 1 FROM whitelist_rules w
      WHERE w.check_item_id = r.check_item_id AND (w.asset_ids IS NULL OR r.asset_id = ANY(w.asset_ids))
        AND (w.expires_at IS NULL OR w.expires_at > now())
    ) THEN 'WHITELISTED' ELSE r.status END AS effective_status
  FROM check_results r
) AS results`;

@Injectable()
export class CheckResultsService {
  constructor(@Inject(TENANT_DATABASE) private readonly database: TenantDatabase) {}

  /** Every result of the tenant matching the query (effective status), with the assets they name, for reports. */
  async all(tenantId: string, query: CheckResultQuery): Promise<{ results: ReportableResult[]; assets: Asset[] }> {
    const { where, params } = this.conditions(query);
    return this.database.run(tenantId, async (manager) => {
      const rows = (await manager.query(
        `SELECT * FROM ${EFFECTIVE_RESULTS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`,
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
    if (query.assetId) {
      params.push(query.assetId);
      where.push(`asset_id = $${params.length}`);
    }
    if (query.statuses?.length) {
      params.push(query.statuses);
      where.push(`effective_status = ANY($${params.length})`);
    }
    if (query.severity) {
      params.push(query.severity);
      where.push(`severity = $${params.length}`);
    }
    if (query.checkItemId) {
      params.push(query.checkItemId);
      where.push(`check_item_id = $${params.length}`);
    }
    if (query.scanId) {
      params.push(query.scanId);
      where.push(`last_task_id = $${params.length}`);
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
        pageWhere.push(`id > $${pageParams.length}`);
      }
      pageParams.push(limit + 1);
      const rows = (await manager.query(
        `SELECT * FROM ${EFFECTIVE_RESULTS} ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''} ORDER BY id LIMIT $${pageParams.length}`,
        pageParams,
      )) as CheckResultRow[];
      return toConnection(rows, limit, count, (row) => [row.id], toModel, cursor !== null);
    });
  }
}
