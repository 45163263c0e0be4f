import { Inject, Injectable } from '@nestjs/common';
import { BadUserInputError, decodeCursor, pageSize, TENANT_DATABASE, TenantDatabase, toConnection, type Connection } from '@rampart/platform';
import { BASELINE_CATALOGUE, type BaselineCatalogueView } from '../items/baseline-catalogue.token';
import { isUuid } from '../hosts/hosts.service';
import { HOST_COLUMNS, toHostModel, type HostRow } from '../hosts/host.row';
import type { BaselineResultFilter } from './baseline-result-filter.input';
import type { BaselineResultModel } from './baseline-result.model';

export const BASELINE_STATUSES = ['PASS', 'FAIL', 'NOT_APPLICABLE', 'MANUAL', 'ERROR'] as const;

export interface BaselineResultRow {
  id: string;
  host_id: string;
  check_item_id: string;
  status: string;
  reason: string;
  evidence: unknown;
  params: Record<string, unknown>;
  first_seen_at: Date;
  last_seen_at: Date;
}

export const RESULT_COLUMNS = 'id, host_id, check_item_id, status, reason, evidence, params, first_seen_at, last_seen_at';

@Injectable()
export class BaselineResultsService {
  constructor(
    @Inject(TENANT_DATABASE) private readonly database: TenantDatabase,
    @Inject(BASELINE_CATALOGUE) private readonly catalogue: BaselineCatalogueView,
  ) {}

  async list(tenantId: string, filter: BaselineResultFilter | null, first: number | null, after: string | null): Promise<Connection<BaselineResultModel>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2);
    const where: string[] = [];
    const params: unknown[] = [];
    (filter?.status ?? []).forEach((status, index) => {
      if (!(BASELINE_STATUSES as readonly string[]).includes(status)) {
        throw new BadUserInputError(`filter.status[${index}] must be one of ${BASELINE_STATUSES.join(', ')}`, `filter.status[${index}]`);
      }
    });
    if (filter?.status && filter.status.length > 0) where.push(`status = ANY($${params.push(filter.status)}::text[])`);
    if (filter?.hostId) {
      if (!isUuid(filter.hostId)) return toConnection([], limit, 0, () => [], (r: BaselineResultModel) => r, false);
      where.push(`host_id = $${params.push(filter.hostId)}::uuid`);
    }
    if (filter?.checkItemId) where.push(`check_item_id = $${params.push(filter.checkItemId)}`);
    return this.database.run(tenantId, async (manager) => {
      const condition = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const [{ n }] = (await manager.query(`SELECT count(*)::int AS n FROM baseline_results ${condition}`, params)) as [{ n: number }];
      const pageParams = [...params];
      const keyset = cursor === null ? '' : `${where.length > 0 ? 'AND' : 'WHERE'} (host_id::text, check_item_id) > ($${pageParams.push(String(cursor[0]))}, $${pageParams.push(String(cursor[1]))})`;
      const rows = (await manager.query(
        `SELECT ${RESULT_COLUMNS} FROM baseline_results ${condition} ${keyset} ORDER BY host_id::text, check_item_id LIMIT $${pageParams.push(limit + 1)}`,
        pageParams,
      )) as BaselineResultRow[];
      const hostIds = [...new Set(rows.map((r) => r.host_id))];
      const hosts = hostIds.length === 0 ? [] : ((await manager.query(`SELECT ${HOST_COLUMNS} FROM hosts WHERE id = ANY($1::uuid[])`, [hostIds])) as HostRow[]);
      const hostById = new Map(hosts.map((h) => [h.id, h]));
      return toConnection(rows, limit, n, (r) => [r.host_id, r.check_item_id], (r) => this.toModel(r, hostById.get(r.host_id)!), cursor !== null);
    });
  }

  async byId(tenantId: string, id: string): Promise<BaselineResultModel | null> {
    if (!isUuid(id)) return null;
    return this.database.run(tenantId, async (manager) => {
      const [row] = (await manager.query(`SELECT ${RESULT_COLUMNS} FROM baseline_results WHERE id = $1`, [id])) as BaselineResultRow[];
      if (row === undefined) return null;
      const [host] = (await manager.query(`SELECT ${HOST_COLUMNS} FROM hosts WHERE id = $1`, [row.host_id])) as HostRow[];
      return this.toModel(row, host!);
    });
  }

  private toModel(row: BaselineResultRow, host: HostRow): BaselineResultModel {
    const checkItem = this.catalogue.item(row.check_item_id) ?? {
      id: row.check_item_id,
      title: row.check_item_id,
      severity: 'LOW',
      category: 'retired',
      standards: [],
      remediation: '',
    };
    return {
      id: row.id,
      status: row.status,
      reason: row.reason,
      evidence: row.evidence,
      checkItem,
      host: toHostModel(host),
      firstSeenAt: new Date(row.first_seen_at),
      lastSeenAt: new Date(row.last_seen_at),
      hostId: row.host_id,
      checkItemId: row.check_item_id,
    };
  }
}
