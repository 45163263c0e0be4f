import type { ChokePoint } from './engine/choke-point.analysis';
import type { BlastRadiusOptions } from './engine/blast-radius.search';
import type { AttackPath, PathQuery } from './path-types/attack-path.finder';
import type { GraphEdge, GraphNode, SecurityGraph } from './security-graph.model';

export interface GraphChange {
  nodes?: readonly GraphNode[];
  edges?: readonly GraphEdge[];
}

export interface GraphRemoval {
  nodeIds?: readonly string[];
  edgeIds?: readonly string[];
}

export interface KShortestQuery {
  fromId: string;
  toId: string;
  k: number;
  /** A path type id: alternatives of that type; without it, any traversable edges. */
  type?: string;
}

export interface AnyPath {
  nodeIds: string[];
  edges: GraphEdge[];
  weight: number;
}

/**
 * Where the attack graph lives and is searched. Every backend stores the same nodes and edges and must
 * answer every query identically (`test/graph-store.contract.ts` holds them to it).
 */
export interface GraphStore {
  readonly backend: 'embedded' | 'memgraph';
  /** Replace everything with this graph. */
  load(graph: SecurityGraph): Promise<void>;
  /** Insert or replace nodes and edges by id. */
  upsert(change: GraphChange): Promise<void>;
  /** Remove nodes (with their edges) and edges by id. */
  remove(removal: GraphRemoval): Promise<void>;
  /** Everything stored, sorted by id. */
  dump(): Promise<SecurityGraph>;
  shortestPathsByType(query?: PathQuery): Promise<AttackPath[]>;
  kShortest(query: KShortestQuery): Promise<AttackPath[] | AnyPath[]>;
  blastRadius(nodeId: string, options?: BlastRadiusOptions): Promise<string[]>;
  /** Choke points of the paths `shortestPathsByType(query)` returns, most paths broken first. */
  chokePoints(query?: PathQuery & { limit?: number }): Promise<ChokePoint[]>;
  close(): Promise<void>;
}
