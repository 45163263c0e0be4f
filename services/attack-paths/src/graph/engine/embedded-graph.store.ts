import type { AnyPath, GraphChange, GraphRemoval, GraphStore, KShortestQuery } from '../graph.store';
import type { AttackPath, PathQuery } from '../path-types/attack-path.finder';
import type { GraphEdge, GraphNode, SecurityGraph } from '../security-graph.model';
import type { BlastRadiusOptions } from './blast-radius.search';
import type { ChokePoint } from './choke-point.analysis';
import { CsrSnapshot } from './csr.snapshot';
import { graphQueries } from './graph.queries';

/**
 * The default backend: records in maps, searched on a typed-array CSR snapshot that is rebuilt lazily
 * after a write (a rebuild of 100k assets' graph takes well under a second).
 */
export class EmbeddedGraphStore implements GraphStore {
  readonly backend = 'embedded' as const;
  private nodes = new Map<string, GraphNode>();
  private edges = new Map<string, GraphEdge>();
  private cached: CsrSnapshot | null = null;

  async load(graph: SecurityGraph): Promise<void> {
    this.nodes = new Map(graph.nodes.map((n) => [n.id, n]));
    this.edges = new Map(graph.edges.map((e) => [e.id, e]));
    this.cached = null;
  }

  async upsert(change: GraphChange): Promise<void> {
    for (const node of change.nodes ?? []) this.nodes.set(node.id, node);
    for (const edge of change.edges ?? []) this.edges.set(edge.id, edge);
    this.cached = null;
  }

  async remove(removal: GraphRemoval): Promise<void> {
    const gone = new Set(removal.nodeIds ?? []);
    for (const id of gone) this.nodes.delete(id);
    for (const id of removal.edgeIds ?? []) this.edges.delete(id);
    if (gone.size > 0) for (const [id, e] of this.edges) if (gone.has(e.from) || gone.has(e.to)) this.edges.delete(id);
    this.cached = null;
  }

  async dump(): Promise<SecurityGraph> {
    const snapshot = this.snapshot();
    return { nodes: snapshot.nodes, edges: [...snapshot.edges].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
  }

  /** The current snapshot (for callers that run several queries on one version). */
  snapshot(): CsrSnapshot {
    this.cached ??= new CsrSnapshot({ nodes: [...this.nodes.values()], edges: [...this.edges.values()] });
    return this.cached;
  }

  async shortestPathsByType(query?: PathQuery): Promise<AttackPath[]> {
    return graphQueries.shortestPathsByType(this.snapshot(), query);
  }

  async kShortest(query: KShortestQuery): Promise<AttackPath[] | AnyPath[]> {
    return graphQueries.kShortest(this.snapshot(), query);
  }

  async blastRadius(nodeId: string, options?: BlastRadiusOptions): Promise<string[]> {
    return graphQueries.blastRadius(this.snapshot(), nodeId, options);
  }

  async chokePoints(query?: PathQuery & { limit?: number }): Promise<ChokePoint[]> {
    return graphQueries.chokePoints(this.snapshot(), query);
  }

  async close(): Promise<void> {
    this.cached = null;
  }
}
