import neo4j, { type Driver } from 'neo4j-driver';
import { CsrSnapshot } from '../engine/csr.snapshot';
import type { BlastRadiusOptions } from '../engine/blast-radius.search';
import type { ChokePoint } from '../engine/choke-point.analysis';
import { graphQueries } from '../engine/graph.queries';
import type { AnyPath, GraphChange, GraphRemoval, GraphStore, KShortestQuery } from '../graph.store';
import type { AttackPath, PathQuery } from '../path-types/attack-path.finder';
import {
  EDGE_KINDS, type EdgeKind, type Evidence, type GraphEdge, type GraphNode, type NodeKind, type SecurityGraph,
} from '../security-graph.model';
import { cypher } from './cypher.statements';

export interface MemgraphStoreOptions {
  /** bolt:// URL of Memgraph. */
  url: string;
  user?: string;
  password?: string;
  /** The graph (tenant) this store reads and writes; many graphs share one Memgraph. */
  graphId: string;
  batchSize?: number;
}

type Row = Record<string, unknown>;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const textOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Memgraph backend through neo4j-driver: the same nodes and edges as the embedded engine, stored with
 * MERGE by id in UNWIND batches, one relationship type per edge kind. Searches load the graph into the
 * same CSR snapshot and run the same TypeScript algorithms, so answers are identical by construction;
 * a version counter in the graph tells every replica when its cached snapshot is stale.
 */
export class MemgraphGraphStore implements GraphStore {
  readonly backend = 'memgraph' as const;
  private cached: { version: number; snapshot: CsrSnapshot } | null = null;
  private readonly batchSize: number;

  private constructor(private readonly driver: Driver, private readonly graphId: string, batchSize: number) {
    this.batchSize = batchSize;
  }

  static async connect(options: MemgraphStoreOptions): Promise<MemgraphGraphStore> {
    const driver = neo4j.driver(options.url, neo4j.auth.basic(options.user ?? '', options.password ?? ''), { disableLosslessIntegers: true });
    try {
      await driver.verifyConnectivity();
    } catch (error) {
      await driver.close();
      throw error;
    }
    const store = new MemgraphGraphStore(driver, options.graphId, options.batchSize ?? 5000);
    for (const statement of cypher.indexes) {
      try {
        await store.run(statement);
      } catch {
        // index already exists (older Memgraph versions reject a second CREATE INDEX)
      }
    }
    return store;
  }

  async load(graph: SecurityGraph): Promise<void> {
    await this.run(cypher.clear);
    await this.write(graph.nodes, graph.edges);
  }

  async upsert(change: GraphChange): Promise<void> {
    await this.write(change.nodes ?? [], change.edges ?? []);
  }

  async remove(removal: GraphRemoval): Promise<void> {
    // edge ids are `<kind>|<from>|<to>`: match from the indexed source node instead of scanning relationships
    const edges = (removal.edgeIds ?? []).map((id) => ({ id, from: id.split('|')[1] ?? '' }));
    for (const batch of this.batches(edges)) await this.run(cypher.removeEdges, { edges: batch });
    for (const ids of this.batches(removal.nodeIds ?? [])) await this.run(cypher.removeNodes, { ids });
    await this.run(cypher.bumpVersion);
  }

  async dump(): Promise<SecurityGraph> {
    const snapshot = await this.snapshot();
    return { nodes: snapshot.nodes, edges: [...snapshot.edges].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
  }

  async shortestPathsByType(query?: PathQuery): Promise<AttackPath[]> {
    return graphQueries.shortestPathsByType(await this.snapshot(), query);
  }

  async kShortest(query: KShortestQuery): Promise<AttackPath[] | AnyPath[]> {
    return graphQueries.kShortest(await this.snapshot(), query);
  }

  async blastRadius(nodeId: string, options?: BlastRadiusOptions): Promise<string[]> {
    return graphQueries.blastRadius(await this.snapshot(), nodeId, options);
  }

  async chokePoints(query?: PathQuery & { limit?: number }): Promise<ChokePoint[]> {
    return graphQueries.chokePoints(await this.snapshot(), query);
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private async write(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): Promise<void> {
    for (const batch of this.batches(nodes)) {
      await this.run(cypher.upsertNodes, {
        nodes: batch.map((n) => ({
          id: n.id, kind: n.kind, name: n.name, accountId: n.accountId, region: n.region, sensitive: n.sensitive, admin: n.admin,
          entry: n.entry, virtual: n.virtual, facts: n.facts ? JSON.stringify(n.facts) : null,
        })),
      });
    }
    const byKind = new Map<EdgeKind, GraphEdge[]>();
    for (const edge of edges) {
      const list = byKind.get(edge.kind);
      if (list) list.push(edge);
      else byKind.set(edge.kind, [edge]);
    }
    for (const [kind, list] of byKind) {
      // a kind change of the same pair is a different id; MERGE by id under the new type is enough
      for (const batch of this.batches(list)) {
        await this.run(cypher.upsertEdges(kind), {
          edges: batch.map((e) => ({
            id: e.id, from: e.from, to: e.to, reason: e.reason, evidence: JSON.stringify(e.evidence), weight: e.weight,
            unknown: e.unknown, properties: e.properties ? JSON.stringify(e.properties) : null,
          })),
        });
      }
    }
    await this.run(cypher.bumpVersion);
  }

  /** The CSR snapshot of the stored graph, reloaded only when another writer bumped the version. */
  private async snapshot(): Promise<CsrSnapshot> {
    const [row] = await this.run(cypher.version);
    const version = typeof row?.version === 'number' ? row.version : 0;
    if (this.cached && this.cached.version === version) return this.cached.snapshot;
    const nodes = (await this.run(cypher.readNodes)).map((r): GraphNode => {
      const node: GraphNode = {
        id: text(r.id), kind: text(r.kind) as NodeKind, name: text(r.name), accountId: textOrNull(r.accountId), region: textOrNull(r.region),
        sensitive: r.sensitive === true, admin: r.admin === true, entry: r.entry === true, virtual: r.virtual === true,
      };
      if (typeof r.facts === 'string') node.facts = JSON.parse(r.facts) as GraphNode['facts'];
      return node;
    });
    const edges = (await this.run(cypher.readEdges)).filter((r) => EDGE_KINDS.includes(text(r.kind) as EdgeKind)).map((r): GraphEdge => {
      const edge: GraphEdge = {
        id: text(r.id), from: text(r.from), to: text(r.to), kind: text(r.kind) as EdgeKind, reason: text(r.reason),
        evidence: JSON.parse(text(r.evidence) || '[]') as Evidence[], weight: Number(r.weight), unknown: r.unknown === true,
      };
      if (typeof r.properties === 'string') edge.properties = JSON.parse(r.properties) as GraphEdge['properties'];
      return edge;
    });
    const snapshot = new CsrSnapshot({ nodes, edges });
    this.cached = { version, snapshot };
    return snapshot;
  }

  private *batches<T>(items: readonly T[]): Generator<T[]> {
    for (let i = 0; i < items.length; i += this.batchSize) yield items.slice(i, i + this.batchSize);
  }

  private async run(statement: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    const session = this.driver.session();
    try {
      const result = await session.run(statement, { ...params, graphId: this.graphId });
      return result.records.map((record) => record.toObject() as Row);
    } finally {
      await session.close();
    }
  }
}
