import { Inject, Injectable } from '@nestjs/common';
import { decodeCursor, pageSize, TENANT_DATABASE, toConnection, type Connection, type TenantDatabase } from '@rampart/platform';
import type { CheckResultModel } from './check-result.model';

interface CheckResultRow {
  id: string;
  check_item_id: string;
  asset_id: string;
  status: string;
  severity: string;
  reason: string;
  evidence: unknown;
  first_seen_at: Date;
  last_seen_at: Date;
}

function toModel(row: CheckResultRow): CheckResultModel {
  return {
    id: row.id,
    status: row.status,
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
}

@Injectable()
export class CheckResultsService {
  constructor(@Inject(TENANT_DATABASE) private readonly database: TenantDatabase) {}

  async list(tenantId: string, query: CheckResultQuery, first?: number | null, after?: string | null): Promise<Connection<CheckResultModel>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 1);
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.assetId) {
      params.push(query.assetId);
      where.push(`asset_id = $${params.length}`);
    }
    if (query.statuses?.length) {
      params.push(query.statuses);
      where.push(`status = ANY($${params.length})`);
    }
    return this.database.run(tenantId, async (manager) => {
      const countSql = `SELECT count(*)::int AS count FROM check_results ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
      const [{ count }] = (await manager.query(countSql, params)) as Array<{ count: number }>;
      const pageParams = [...params];
      const pageWhere = [...where];
      if (cursor) {
        pageParams.push(cursor[0]);
        pageWhere.push(`id > $${pageParams.length}`);
      }
      pageParams.push(limit + 1);
      const rows = (await manager.query(
        `SELECT * FROM check_results ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''} ORDER BY id LIMIT $${pageParams.length}`,
        pageParams,
      )) as CheckResultRow[];
      return toConnection(rows, limit, count, (row) => [row.id], toModel, cursor !== null);
    });
  }
}
