import { Inject, Injectable } from '@nestjs/common';
import { decodeCursor, pageSize, TENANT_DATABASE, toConnection, type Connection, type TenantDatabase } from '@rampart/platform';
import type { AttackPathModel } from './attack-path.model';

interface AttackPathRow {
  id: string;
  type: string;
  risk_level: string;
  score: number;
  entry_asset_id: string;
  target_asset_id: string;
  nodes: Array<{ nodeId: string; assetId: string | null; kind: string }>;
  edges: AttackPathModel['edges'];
}

function toModel(row: AttackPathRow): AttackPathModel {
  const ref = (id: string | null) => (id && id.startsWith('acs:') ? { id } : null);
  return {
    id: row.id,
    type: row.type,
    riskLevel: row.risk_level,
    score: row.score,
    entry: ref(row.entry_asset_id),
    target: ref(row.target_asset_id),
    nodes: row.nodes.map((node) => ({ nodeId: node.nodeId, kind: node.kind, asset: ref(node.assetId) })),
    edges: row.edges,
  };
}

@Injectable()
export class AttackPathsService {
  constructor(@Inject(TENANT_DATABASE) private readonly database: TenantDatabase) {}

  /** Paths ranked by score, optionally only those passing through an asset. */
  async list(tenantId: string, query: { assetId?: string }, first?: number | null, after?: string | null): Promise<Connection<AttackPathModel>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2);
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.assetId) {
      params.push([query.assetId]);
      where.push(`asset_ids @> $${params.length}`);
    }
    return this.database.run(tenantId, async (manager) => {
      const [{ count }] = (await manager.query(
        `SELECT count(*)::int AS count FROM attack_paths ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
        params,
      )) as Array<{ count: number }>;
      const pageWhere = [...where];
      const pageParams = [...params];
      if (cursor) {
        pageParams.push(cursor[0], cursor[1]);
        pageWhere.push(`(score < $${pageParams.length - 1} OR (score = $${pageParams.length - 1} AND id > $${pageParams.length}))`);
      }
      pageParams.push(limit + 1);
      const rows = (await manager.query(
        `SELECT * FROM attack_paths ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''}
         ORDER BY score DESC, id LIMIT $${pageParams.length}`,
        pageParams,
      )) as AttackPathRow[];
      return toConnection(rows, limit, count, (row) => [row.score, row.id], toModel, cursor !== null);
    });
  }
}
