import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { loadReplicatedAssets } from '@rampart/messaging';
import { LOGGER, PLATFORM_CONFIG, TENANT_DATABASE, type Logger, type TenantDatabase } from '@rampart/platform';
import type { AttackPathsConfig } from '../config';
import { AttackPathAnalyzer } from '../graph/attack-path.analyzer';
import type { GraphStore } from '../graph/graph.store';
import type { AttackPath } from '../graph/path-types/attack-path.finder';
import type { GraphNode, OverlayFinding } from '../graph/security-graph.model';
import { graphStoreFor } from './graph-store.factory';

/** A tenant's derived graph at one version, what blast radius, choke points and alternatives search. */
export interface TenantGraph {
  version: number;
  analyzer: AttackPathAnalyzer;
  store: GraphStore;
  nodes: Map<string, GraphNode>;
}

/** Row of `attack_paths.nodes` and `.edges` as persisted. */
export interface StoredPathNode { nodeId: string; assetId: string | null; kind: string; name: string }
export interface StoredPathEdge { id: string; from: string; to: string; relation: string; reason: string; evidence: unknown; unknown: boolean; weight: number }

const MAX_CACHED_GRAPHS = 32;
const INSERT_CHUNK = 500;

export const assetIdOfNode = (node: GraphNode | undefined): string | null => (node && !node.virtual ? node.id : null);

/** A path of the finder as the columns of `attack_paths`. */
export function toStoredPath(path: AttackPath, nodes: ReadonlyMap<string, GraphNode>) {
  const storedNodes: StoredPathNode[] = path.nodes.map((n) => ({ nodeId: n.id, assetId: assetIdOfNode(nodes.get(n.id)), kind: n.kind, name: n.name }));
  const storedEdges: StoredPathEdge[] = path.edges.map((e) => ({
    id: e.id, from: e.from, to: e.to, relation: e.kind, reason: e.reason, evidence: e.evidence, unknown: e.unknown, weight: e.weight,
  }));
  return {
    id: path.id, type: path.type, ap_id: path.apId, name: path.name, risk_level: path.riskLevel, score: path.score,
    entry_asset_id: path.entryId, target_asset_id: path.targetId,
    asset_ids: [...new Set(path.nodes.map((n) => n.id))],
    nodes: storedNodes, edges: storedEdges, unknown: path.unknown,
  };
}

/**
 * Keeps every tenant's `attack_paths` in step with its inventory. A change bumps the tenant's row in
 * `graph_versions` (in the event's transaction); a recompute, debounced per tenant and run under a
 * transaction-scoped advisory lock so one replica at a time does it, derives the graph from the
 * replica and replaces the tenant's paths atomically. A sweeper on every replica picks up what a
 * crashed or busy replica left dirty.
 */
@Injectable()
export class PathRecomputeService implements OnModuleDestroy {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly graphs = new Map<string, TenantGraph>();
  private sweeper: NodeJS.Timeout | undefined;
  private sweeping = false;
  private stopped = false;

  constructor(
    @Inject(TENANT_DATABASE) private readonly database: TenantDatabase,
    @Inject(PLATFORM_CONFIG) private readonly config: AttackPathsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private get debounceMs(): number {
    return this.config.recomputeDebounceMs ?? 500;
  }

  /** Records, inside the caller's transaction, that the tenant's graph changed. */
  async markDirty(manager: EntityManager, tenantId: string): Promise<void> {
    await manager.query(
      `INSERT INTO graph_versions (tenant_id, version, computed_version, dirty_since) VALUES ($1, 1, 0, now())
       ON CONFLICT (tenant_id) DO UPDATE SET version = graph_versions.version + 1,
         dirty_since = CASE WHEN graph_versions.version > graph_versions.computed_version THEN graph_versions.dirty_since ELSE now() END`,
      [tenantId],
    );
  }

  /** Recomputes the tenant's paths once the debounce window has passed (changes within it coalesce). */
  schedule(tenantId: string): void {
    if (this.stopped || this.timers.has(tenantId)) return;
    this.timers.set(tenantId, setTimeout(() => {
      this.timers.delete(tenantId);
      void this.recompute(tenantId).catch((error: unknown) => this.logger.error({ err: error, tenantId }, 'attack path recompute failed'));
    }, this.debounceMs));
  }

  start(): void {
    this.sweeper = setInterval(() => void this.sweep(), this.config.recomputeSweepMs ?? 1_000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweeper) clearInterval(this.sweeper);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running.values()]);
    for (const graph of this.graphs.values()) await graph.store.close().catch(() => undefined);
    this.graphs.clear();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** Recomputes now unless the tenant is current; concurrent calls for one tenant share the run. */
  recompute(tenantId: string): Promise<void> {
    const pending = this.running.get(tenantId);
    if (pending) return pending.then(() => this.recompute(tenantId));
    const run = this.recomputeLocked(tenantId).finally(() => this.running.delete(tenantId));
    this.running.set(tenantId, run);
    return run;
  }

  /** The tenant's graph at its last computed version (built from the database on a miss, e.g. on another replica). */
  async graphOf(tenantId: string): Promise<TenantGraph> {
    return this.database.run(tenantId, async (manager) => {
      const rows = (await manager.query('SELECT computed_version FROM graph_versions WHERE tenant_id = $1', [tenantId])) as Array<{ computed_version: string }>;
      const version = rows[0] ? Number(rows[0].computed_version) : 0;
      const cached = this.graphs.get(tenantId);
      if (cached && cached.version === version) return cached;
      const graph = await this.build(manager, tenantId, version);
      this.remember(tenantId, graph);
      return graph;
    });
  }

  private async sweep(): Promise<void> {
    if (this.sweeping || this.stopped) return;
    this.sweeping = true;
    try {
      const dirty = (await this.database.runUnscoped((manager) =>
        manager.query(
          `SELECT tenant_id FROM graph_versions WHERE version > computed_version AND dirty_since < now() - ($1::int * interval '1 millisecond')
           ORDER BY dirty_since LIMIT 20`,
          [this.debounceMs],
        ),
      )) as Array<{ tenant_id: string }>;
      for (const { tenant_id: tenantId } of dirty) {
        if (this.stopped) break;
        await this.recompute(tenantId).catch((error: unknown) => this.logger.error({ err: error, tenantId }, 'attack path recompute failed'));
      }
    } catch (error) {
      if (!this.stopped) this.logger.warn({ err: error }, 'attack path sweep failed');
    } finally {
      this.sweeping = false;
    }
  }

  private async recomputeLocked(tenantId: string): Promise<void> {
    if (this.stopped) return;
    const started = Date.now();
    const outcome = await this.database.run(tenantId, async (manager) => {
      const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [`attack-paths:${tenantId}`])) as Array<{ locked: boolean }>;
      if (!locked) return null; // another replica is recomputing this tenant; the sweeper re-checks afterwards
      const rows = (await manager.query('SELECT version, computed_version FROM graph_versions WHERE tenant_id = $1', [tenantId])) as Array<{ version: string; computed_version: string }>;
      const version = rows[0] ? Number(rows[0].version) : 0;
      if (rows[0] && Number(rows[0].computed_version) >= version) return null;
      const graph = await this.build(manager, tenantId, version);
      const paths = await graph.store.shortestPathsByType();
      await manager.query('DELETE FROM attack_paths');
      for (let i = 0; i < paths.length; i += INSERT_CHUNK) {
        const chunk = paths.slice(i, i + INSERT_CHUNK).map((p) => toStoredPath(p, graph.nodes));
        await manager.query(
          `INSERT INTO attack_paths (tenant_id, id, type, ap_id, name, risk_level, score, entry_asset_id, target_asset_id, asset_ids, nodes, edges, unknown, graph_version, computed_at)
           SELECT $1, r.id, r.type, r.ap_id, r.name, r.risk_level, r.score, r.entry_asset_id, r.target_asset_id, r.asset_ids, r.nodes, r.edges, r.unknown, $3, now()
           FROM jsonb_to_recordset($2::jsonb) AS r(id text, type text, ap_id text, name text, risk_level text, score double precision,
             entry_asset_id text, target_asset_id text, asset_ids text[], nodes jsonb, edges jsonb, unknown boolean)
           ON CONFLICT (tenant_id, id) DO NOTHING`,
          [tenantId, JSON.stringify(chunk), version],
        );
      }
      if (rows[0]) await manager.query('UPDATE graph_versions SET computed_version = $2, computed_at = now() WHERE tenant_id = $1', [tenantId, version]);
      else await manager.query('INSERT INTO graph_versions (tenant_id, version, computed_version, computed_at) VALUES ($1, 0, 0, now()) ON CONFLICT DO NOTHING', [tenantId]);
      return { graph, paths: paths.length };
    });
    if (outcome) {
      this.remember(tenantId, outcome.graph);
      this.logger.info({ tenantId, version: outcome.graph.version, paths: outcome.paths, ms: Date.now() - started }, 'attack paths recomputed');
    }
  }

  private async build(manager: EntityManager, tenantId: string, version: number): Promise<TenantGraph> {
    const assets = await loadReplicatedAssets(manager);
    const sensitive = (await manager.query('SELECT asset_id FROM sensitive_assets')) as Array<{ asset_id: string }>;
    const findings = (await manager.query('SELECT check_item_id, asset_id, status, severity FROM overlay_findings')) as Array<{
      check_item_id: string; asset_id: string; status: string; severity: string;
    }>;
    const store = await graphStoreFor(this.config, tenantId);
    const analyzer = new AttackPathAnalyzer(store);
    const overlay: OverlayFinding[] = findings.map((f) => ({ checkItemId: f.check_item_id, assetId: f.asset_id, status: f.status, severity: f.severity || undefined }));
    await analyzer.load(assets, { findings: overlay, sensitiveAssetIds: sensitive.map((s) => s.asset_id) });
    return { version, analyzer, store, nodes: new Map(analyzer.currentGraph().nodes.map((n) => [n.id, n])) };
  }

  private remember(tenantId: string, graph: TenantGraph): void {
    const previous = this.graphs.get(tenantId);
    if (previous && previous !== graph) void previous.store.close().catch(() => undefined);
    this.graphs.delete(tenantId);
    this.graphs.set(tenantId, graph);
    if (this.graphs.size > MAX_CACHED_GRAPHS) {
      const [oldestId, oldest] = this.graphs.entries().next().value as [string, TenantGraph];
      this.graphs.delete(oldestId);
      void oldest.store.close().catch(() => undefined);
    }
  }
}
