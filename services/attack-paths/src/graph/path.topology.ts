import type { AttackPath, PathNodeView } from './path-types/attack-path.finder';
import type { EdgeKind, Evidence } from './security-graph.model';

export interface TopologyEdge {
  id: string;
  from: string;
  to: string;
  kind: EdgeKind;
  reason: string;
  evidence: Evidence[];
  weight: number;
  unknown: boolean;
  /** Ids of the given paths that use this edge. */
  pathIds: string[];
}

export interface Topology {
  nodes: Array<PathNodeView & { pathIds: string[] }>;
  edges: TopologyEdge[];
}

/** Nodes and edges of a set of paths, each once, with the paths that use it: what a console draws. */
export function topology(paths: readonly AttackPath[]): Topology {
  const nodes = new Map<string, PathNodeView & { pathIds: string[] }>();
  const edges = new Map<string, TopologyEdge>();
  for (const path of paths) {
    for (const node of path.nodes) {
      const entry = nodes.get(node.id) ?? { ...node, pathIds: [] };
      if (!entry.pathIds.includes(path.id)) entry.pathIds.push(path.id);
      nodes.set(node.id, entry);
    }
    for (const edge of path.edges) {
      const entry = edges.get(edge.id) ?? {
        id: edge.id, from: edge.from, to: edge.to, kind: edge.kind, reason: edge.reason, evidence: edge.evidence,
        weight: edge.weight, unknown: edge.unknown, pathIds: [],
      };
      if (!entry.pathIds.includes(path.id)) entry.pathIds.push(path.id);
      edges.set(edge.id, entry);
    }
  }
  const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { nodes: [...nodes.values()].sort(byId), edges: [...edges.values()].sort(byId) };
}
