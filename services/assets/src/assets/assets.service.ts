import { Inject, Injectable } from '@nestjs/common';
import { decodeCursor, pageSize, TENANT_DATABASE, toConnection, type Connection, type TenantDatabase } from '@rampart/platform';
import type { AssetFilter } from './asset-filter.input';
import type { AssetModel } from './asset.model';
import { ASSET_COLUMNS, type AssetRow } from './asset.row';

export function toAssetModel(row: AssetRow): AssetModel {
  return {
    id: row.id,
    provider: row.provider,
    accountId: row.account_id,
    region: row.region,
    product: row.product,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    name: row.name,
    tags: row.tags,
    configuration: row.configuration,
    relationships: row.relationships.map((r) => ({ type: r.type, targetId: r.targetId, properties: r.properties ?? null })),
    internetExposed: row.internet_exposed,
    incomplete: row.unknown.length > 0,
    unknown: row.unknown,
    firstSeenAt: row.first_seen_at,
    updatedAt: row.updated_at,
  };
}

/** The `asset_counts` row that answers `totalCount` for this filter, when there is one (no filter, or one exact match). */
function counterOf(filter: AssetFilter | null | undefined): [string, string] | null {
  if (filter?.search) return null;
  const set: Array<[string, string]> = [];
  if (filter?.product) set.push(['product', filter.product]);
  if (filter?.resourceType) set.push(['resource_type', filter.resourceType]);
  if (filter?.region) set.push(['region', filter.region]);
  if (filter?.accountId) set.push(['account_id', filter.accountId]);
  if (filter?.internetExposed !== undefined && filter?.internetExposed !== null) set.push(['internet_exposed', String(filter.internetExposed)]);
  if (set.length === 0) return ['all', ''];
  return set.length === 1 ? set[0] : null;
}

/** Reads the tenant's inventory. Row-level security scopes every query to the caller's tenant. */
@Injectable()
export class AssetsService {
  constructor(@Inject(TENANT_DATABASE) private readonly database: TenantDatabase) {}

  async findById(tenantId: string, id: string): Promise<AssetModel | null> {
    return this.database.run(tenantId, async (manager) => {
      const rows = (await manager.query(`SELECT ${ASSET_COLUMNS} FROM assets WHERE id = $1`, [id])) as AssetRow[];
      return rows[0] ? toAssetModel(rows[0]) : null;
    });
  }

  async findByIds(tenantId: string, ids: string[]): Promise<Map<string, AssetModel>> {
    return this.database.run(tenantId, async (manager) => {
      const rows = (await manager.query(`SELECT ${ASSET_COLUMNS} FROM assets WHERE id = ANY($1)`, [ids])) as AssetRow[];
      return new Map(rows.map((row) => [row.id, toAssetModel(row)]));
    });
  }

  async list(
    tenantId: string,
    filter: AssetFilter | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
    withTotalCount = true,
  ): Promise<Connection<AssetModel>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 1);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter?.product) add('product = ?', filter.product);
    if (filter?.resourceType) add('resource_type = ?', filter.resourceType);
    if (filter?.region) add('region = ?', filter.region);
    if (filter?.accountId) add('account_id = ?', filter.accountId);
    if (filter?.internetExposed !== undefined && filter?.internetExposed !== null) add('internet_exposed = ?', filter.internetExposed);
    if (filter?.search) {
      const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      params.push(pattern);
      // The expression of the `assets_search` trigram index: name or resource id.
      where.push(`(name || ' ' || resource_id) ILIKE $${params.length}`);
    }
    const filterSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    return this.database.run(tenantId, async (manager) => {
      const pageWhere = [...where];
      const pageParams = [...params];
      if (cursor) {
        pageParams.push(cursor[0]);
        pageWhere.push(`id > $${pageParams.length}`);
      }
      pageParams.push(limit + 1);
      const rows = (await manager.query(
        `SELECT ${ASSET_COLUMNS} FROM assets ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''}
         ORDER BY id LIMIT $${pageParams.length}`,
        pageParams,
      )) as AssetRow[];
      // Not selected: 0 is never serialised. Selected: the counter kept for no or one filter, else an exact count.
      const counter = counterOf(filter);
      let count = 0;
      if (withTotalCount && counter) {
        const [row] = (await manager.query('SELECT n::int AS count FROM asset_counts WHERE dimension = $1 AND value = $2', counter)) as Array<{ count: number }>;
        count = row?.count ?? 0;
      } else if (withTotalCount) {
        [{ count }] = (await manager.query(`SELECT count(*)::int AS count FROM assets ${filterSql}`, params)) as Array<{ count: number }>;
      }
      return toConnection(rows, limit, count, (row) => [row.id], toAssetModel, cursor !== null);
    });
  }
}
