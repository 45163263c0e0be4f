import {
  EDGE_KIND_CODE, NODE_KIND_CODE, type GraphEdge, type GraphNode, type SecurityGraph,
} from '../security-graph.model';

export const FLAG_ENTRY = 1;
export const FLAG_SENSITIVE = 2;
export const FLAG_ADMIN = 4;
export const FLAG_VIRTUAL = 8;

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const sortedById = <T extends { id: string }>(list: readonly T[]): T[] => {
  for (let i = 1; i < list.length; i++) if (list[i - 1].id > list[i].id) return [...list].sort(byId);
  return [...list];
};

/**
 * Immutable compressed-sparse-row snapshot of the traversable graph. Nodes are indexed in id order and
 * edges grouped by source in id order, so the same records always give the same indices (and paths).
 * Edge `e` of node `v` is `offsets[v] <= e < offsets[v + 1]`; `edges[e]` is its record.
 */
export class CsrSnapshot {
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
  readonly nodeIndex = new Map<string, number>();
  readonly nodeKinds: Uint8Array;
  readonly nodeFlags: Uint8Array;
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly weights: Float64Array;
  readonly kinds: Uint8Array;
  readonly unknown: Uint8Array;
  /** Reverse CSR: incoming edges of `v` are `reverseEdges[reverseOffsets[v] .. reverseOffsets[v + 1])` (edge indices). */
  readonly reverseOffsets: Int32Array;
  readonly reverseEdges: Int32Array;
  readonly sources: Int32Array;

  constructor(graph: SecurityGraph) {
    this.nodes = sortedById(graph.nodes);
    const n = this.nodes.length;
    this.nodeKinds = new Uint8Array(n);
    this.nodeFlags = new Uint8Array(n);
    this.nodes.forEach((node, i) => {
      this.nodeIndex.set(node.id, i);
      this.nodeKinds[i] = NODE_KIND_CODE[node.kind];
      this.nodeFlags[i] = (node.entry ? FLAG_ENTRY : 0) | (node.sensitive ? FLAG_SENSITIVE : 0)
        | (node.admin ? FLAG_ADMIN : 0) | (node.virtual ? FLAG_VIRTUAL : 0);
    });
    const input = sortedById(graph.edges).filter((e) => this.nodeIndex.has(e.from) && this.nodeIndex.has(e.to));
    const m = input.length;
    this.offsets = new Int32Array(n + 1);
    const from = new Int32Array(m);
    for (let e = 0; e < m; e++) {
      from[e] = this.nodeIndex.get(input[e].from)!;
      this.offsets[from[e] + 1]++;
    }
    for (let v = 0; v < n; v++) this.offsets[v + 1] += this.offsets[v];
    const cursor = this.offsets.slice(0, n);
    this.edges = new Array<GraphEdge>(m);
    this.targets = new Int32Array(m);
    this.sources = new Int32Array(m);
    this.weights = new Float64Array(m);
    this.kinds = new Uint8Array(m);
    this.unknown = new Uint8Array(m);
    this.reverseOffsets = new Int32Array(n + 1);
    for (let i = 0; i < m; i++) {
      const edge = input[i];
      const slot = cursor[from[i]]++;
      const to = this.nodeIndex.get(edge.to)!;
      this.edges[slot] = edge;
      this.targets[slot] = to;
      this.sources[slot] = from[i];
      this.weights[slot] = edge.weight;
      this.kinds[slot] = EDGE_KIND_CODE[edge.kind];
      this.unknown[slot] = edge.unknown ? 1 : 0;
      this.reverseOffsets[to + 1]++;
    }
    for (let v = 0; v < n; v++) this.reverseOffsets[v + 1] += this.reverseOffsets[v];
    const rcursor = this.reverseOffsets.slice(0, n);
    this.reverseEdges = new Int32Array(m);
    for (let e = 0; e < m; e++) this.reverseEdges[rcursor[this.targets[e]]++] = e;
  }

  get nodeCount(): number {
    return this.nodes.length;
  }

  get edgeCount(): number {
    return this.edges.length;
  }

  indexOf(id: string): number {
    return this.nodeIndex.get(id) ?? -1;
  }
}
