import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  BadUserInputError, decodeCursor, NotFoundError, pageSize, TENANT_DATABASE, toConnection, type Connection, type TenantDatabase,
} from '@rampart/platform';
import { chokePointsOf } from '../graph/engine/choke-point.analysis';
import type { AttackPath } from '../graph/path-types/attack-path.finder';
import type { RiskLevel } from '../graph/path-types/path-type.model';
import { topology } from '../graph/path.topology';
import type { EdgeKind, NodeKind } from '../graph/security-graph.model';
import { assetIdOfNode, PathRecomputeService, toStoredPath, type StoredPathEdge, type StoredPathNode } from '../recompute/path-recompute.service';
import type { AttackPathModel } from './attack-path.model';
import type { AttackPathTopologyModel } from './attack-path-topology.model';
import type { ChokePointModel } from './choke-point.model';

interface AttackPathRow {
  id: string;
  type: string;
  ap_id: string;
  name: string;
  risk_level: RiskLevel;
  score: number;
  unknown: boolean;
  whitelisted: boolean;
  nodes: StoredPathNode[];
  edges: StoredPathEdge[];
}

export interface AttackPathQuery {
  assetId?: string;
  riskLevel?: readonly RiskLevel[] | null;
  type?: string | null;
  entryAssetId?: string | null;
  targetAssetId?: string | null;
}

const ref = (id: string | null | undefined) => (id ? { id } : null);
const UNFIXABLE = new Set(['Internet', 'ExternalAccount', 'ResourceGroup']);
const MAX_ALTERNATIVES = 20;
const SELECT_PATH = `SELECT p.id, p.type, p.ap_id, p.name, p.risk_level, p.score, p.unknown, p.nodes, p.edges,
  EXISTS (SELECT 1 FROM attack_path_whitelist w WHERE w.path_id = p.id) AS whitelisted FROM attack_paths p`;

function toModel(row: AttackPathRow): AttackPathModel {
  return {
    id: row.id, type: row.type, apId: row.ap_id, name: row.name, riskLevel: row.risk_level, score: row.score, unknown: row.unknown,
    whitelisted: row.whitelisted, hops: row.edges.filter((e) => e.weight > 0).length,
    entry: ref(row.nodes[0]?.assetId), target: ref(row.nodes[row.nodes.length - 1]?.assetId),
    nodes: row.nodes.map((n) => ({ nodeId: n.nodeId, kind: n.kind, name: n.name, asset: ref(n.assetId) })),
    edges: row.edges.map((e) => ({ id: e.id, from: e.from, to: e.to, relation: e.relation, reason: e.reason, evidence: e.evidence, unknown: e.unknown })),
  };
}

/** A stored row in the shape the pure topology function reads. */
function asPath(row: AttackPathRow): AttackPath {
  return {
    id: row.id, type: row.type, apId: row.ap_id, name: row.name, riskLevel: row.risk_level, score: row.score,
    entryId: row.nodes[0].nodeId, targetId: row.nodes[row.nodes.length - 1].nodeId,
    nodes: row.nodes.map((n) => ({ id: n.nodeId, kind: n.kind as NodeKind, name: n.name })),
    edges: row.edges.map((e) => ({
      id: e.id, from: e.from, to: e.to, kind: e.relation as EdgeKind, reason: e.reason, evidence: e.evidence as AttackPath['edges'][number]['evidence'],
      weight: e.weight, unknown: e.unknown,
    })),
    hops: row.edges.length, weight: row.edges.reduce((sum, e) => sum + e.weight, 0), unknown: row.unknown,
  };
}

/** Reads of the persisted paths and the tenant's graph; writes of sensitive declarations and the whitelist. */
@Injectable()
export class AttackPathsService {
  constructor(
    @Inject(TENANT_DATABASE) private readonly database: TenantDatabase,
    private readonly recompute: PathRecomputeService,
  ) {}

  /** Paths ranked by score (whitelisted ones left out), filtered as the contract's AttackPathFilter says. */
  async list(tenantId: string, query: AttackPathQuery, first?: number | null, after?: string | null): Promise<Connection<AttackPathModel>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2);
    const where = ['NOT EXISTS (SELECT 1 FROM attack_path_whitelist w WHERE w.path_id = p.id)'];
    const params: unknown[] = [];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    if (query.assetId) add((n) => `p.asset_ids @> $${n}`, [query.assetId]);
    if (query.riskLevel?.length) add((n) => `p.risk_level = ANY($${n})`, query.riskLevel);
    if (query.type) add((n) => `p.type = $${n}`, query.type);
    if (query.entryAssetId) add((n) => `p.entry_asset_id = $${n}`, query.entryAssetId);
    if (query.targetAssetId) add((n) => `p.target_asset_id = $${n}`, query.targetAssetId);
    return this.database.run(tenantId, async (manager) => {
      const [{ count }] = (await manager.query(`SELECT count(*)::int AS count FROM attack_paths p WHERE ${where.join(' AND ')}`, params)) as Array<{ count: number }>;
      const pageWhere = [...where];
      const pageParams = [...params];
      if (cursor) {
        pageParams.push(Number(cursor[0]), String(cursor[1]));
        pageWhere.push(`(p.score < $${pageParams.length - 1} OR (p.score = $${pageParams.length - 1} AND p.id > $${pageParams.length}))`);
      }
      pageParams.push(limit + 1);
      const rows = (await manager.query(
        `${SELECT_PATH} WHERE ${pageWhere.join(' AND ')} ORDER BY p.score DESC, p.id LIMIT $${pageParams.length}`,
        pageParams,
      )) as AttackPathRow[];
      return toConnection(rows, limit, count, (row) => [row.score, row.id], toModel, cursor !== null);
    });
  }

  async byId(tenantId: string, id: string): Promise<AttackPathModel | null> {
    const row = await this.database.run(tenantId, (manager) => this.row(manager, id));
    return row ? toModel(row) : null;
  }

  /** Other routes of the same type between the same entry and target, the path itself first. */
  async alternatives(tenantId: string, id: string, k: number): Promise<AttackPathModel[]> {
    if (!Number.isInteger(k) || k < 1 || k > MAX_ALTERNATIVES) throw new BadUserInputError(`k must be between 1 and ${MAX_ALTERNATIVES}`, 'k');
    const row = await this.database.run(tenantId, (manager) => this.row(manager, id));
    if (!row) return [];
    const graph = await this.recompute.graphOf(tenantId);
    const found = await graph.analyzer.alternatives(asPath(row), k);
    const whitelisted = await this.database.run(tenantId, async (manager) => this.whitelist(manager));
    return found.map((path) => {
      const stored = toStoredPath(path, graph.nodes);
      return toModel({ ...stored, whitelisted: whitelisted.has(stored.id) });
    });
  }

  /** Assets an attacker holding this asset can reach; empty for an asset the tenant does not have. */
  async blastRadius(tenantId: string, assetId: string): Promise<Array<{ id: string }>> {
    const graph = await this.recompute.graphOf(tenantId);
    const start = graph.nodes.get(assetId);
    if (!start || start.virtual) return [];
    const reached = await graph.analyzer.blastRadius(assetId);
    return reached.filter((id) => id !== assetId).map((id) => assetIdOfNode(graph.nodes.get(id))).filter((id): id is string => id !== null).map((id) => ({ id }));
  }

  /** Nodes whose fix breaks the most (non-whitelisted) paths. */
  async chokePoints(tenantId: string, first?: number | null): Promise<ChokePointModel[]> {
    const limit = pageSize(first);
    const whitelisted = await this.database.run(tenantId, (manager) => this.whitelist(manager));
    const graph = await this.recompute.graphOf(tenantId);
    const points = await graph.store.chokePoints({ limit, excludePathIds: whitelisted });
    return points.map((p) => {
      const node = graph.nodes.get(p.nodeId);
      return { nodeId: p.nodeId, kind: node?.kind ?? 'Other', asset: ref(assetIdOfNode(node)), pathsBroken: p.pathsBroken };
    });
  }

  /** Nodes and edges of the given paths (or the top `first`), each once, for drawing. */
  async topology(tenantId: string, ids: readonly string[] | null | undefined, first?: number | null): Promise<AttackPathTopologyModel> {
    const rows = await this.database.run(tenantId, async (manager) =>
      ids && ids.length > 0
        ? ((await manager.query(`${SELECT_PATH} WHERE p.id = ANY($1) ORDER BY p.score DESC, p.id`, [[...new Set(ids)].slice(0, 500)])) as AttackPathRow[])
        : ((await manager.query(
          `${SELECT_PATH} WHERE NOT EXISTS (SELECT 1 FROM attack_path_whitelist w WHERE w.path_id = p.id) ORDER BY p.score DESC, p.id LIMIT $1`,
          [pageSize(first)],
        )) as AttackPathRow[]));
    const paths = rows.map(asPath);
    const drawn = topology(paths);
    const assetIds = new Map(rows.flatMap((r) => r.nodes.map((n) => [n.nodeId, n.assetId] as const)));
    const entries = new Set(paths.map((p) => p.entryId));
    const targets = new Set(paths.map((p) => p.targetId));
    const chokes = new Set(
      chokePointsOf(paths.map((p) => ({ nodeIds: p.nodes.map((n) => n.id) })), (id) => !UNFIXABLE.has(drawn.nodes.find((n) => n.id === id)?.kind ?? 'Internet'))
        .map((c) => c.nodeId),
    );
    return {
      nodes: drawn.nodes.map((n) => ({
        id: n.id, kind: n.kind, label: n.name, assetId: assetIds.get(n.id) ?? null,
        entry: entries.has(n.id), target: targets.has(n.id), chokePoint: chokes.has(n.id), pathIds: n.pathIds,
      })),
      edges: drawn.edges.map((e) => ({
        id: e.id, from: e.from, to: e.to, relation: e.kind, reason: e.reason, evidence: e.evidence, unknown: e.unknown, pathIds: e.pathIds,
      })),
    };
  }

  /** Declares (or undeclares) an asset of the tenant a crown jewel; its paths are recomputed shortly after. */
  async setSensitiveAsset(tenantId: string, assetId: string, sensitive: boolean): Promise<{ id: string }> {
    await this.database.run(tenantId, async (manager) => {
      const known = (await manager.query('SELECT 1 FROM asset_replica WHERE id = $1 AND NOT removed', [assetId])) as unknown[];
      if (known.length === 0) throw new NotFoundError('Asset');
      const changed = sensitive
        ? ((await manager.query('INSERT INTO sensitive_assets (tenant_id, asset_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1', [tenantId, assetId])) as unknown[])
        : ((await manager.query('DELETE FROM sensitive_assets WHERE asset_id = $1 RETURNING 1', [assetId])) as unknown[]);
      if (changed.length > 0) await this.recompute.markDirty(manager, tenantId);
    });
    this.recompute.schedule(tenantId);
    return { id: assetId };
  }

  private async whitelist(manager: EntityManager): Promise<Set<string>> {
    const rows = (await manager.query('SELECT path_id FROM attack_path_whitelist')) as Array<{ path_id: string }>;
    return new Set(rows.map((r) => r.path_id));
  }

  async addToWhitelist(tenantId: string, id: string, reason: string, subject: string): Promise<AttackPathModel> {
    if (!reason.trim()) throw new BadUserInputError('A reason is required', 'reason');
    return this.database.run(tenantId, async (manager) => {
      const row = await this.row(manager, id);
      if (!row) throw new NotFoundError('Attack path');
      await manager.query(
        `INSERT INTO attack_path_whitelist (tenant_id, path_id, reason, created_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, path_id) DO UPDATE SET reason = EXCLUDED.reason, created_by = EXCLUDED.created_by`,
        [tenantId, id, reason, subject],
      );
      return toModel({ ...row, whitelisted: true });
    });
  }

  async removeFromWhitelist(tenantId: string, id: string): Promise<boolean> {
    return this.database.run(tenantId, async (manager) => {
      const removed = (await manager.query('DELETE FROM attack_path_whitelist WHERE path_id = $1 RETURNING 1', [id])) as unknown[];
      if (removed.length === 0) throw new NotFoundError('Attack path whitelist entry');
      return true;
    });
  }

  private async row(manager: EntityManager, id: string): Promise<AttackPathRow | null> {
    const rows = (await manager.query(`${SELECT_PATH} WHERE p.id = $1`, [id])) as AttackPathRow[];
    return rows[0] ?? null;
  }
}
