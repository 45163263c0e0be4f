import type { ElementDefinition } from 'cytoscape';
import type { Topology, TopologyEdge } from '../api/types';

const KIND_CLASS: Record<string, string> = {
  Internet: 'kind-internet',
  ExternalAccount: 'kind-external',
  RamUser: 'kind-identity',
  RamRole: 'kind-identity',
  RamGroup: 'kind-identity',
  AccessKey: 'kind-identity',
  OssBucket: 'kind-data',
  RdsInstance: 'kind-data',
  RedisInstance: 'kind-data',
};

/** Topology nodes and edges as cytoscape elements; classes carry entry, target, choke point and unknown. */
export function toElements(topology: Topology): ElementDefinition[] {
  const nodeIds = new Set(topology.nodes.map((node) => node.id));
  const nodes: ElementDefinition[] = topology.nodes.map((node) => ({
    group: 'nodes',
    data: { id: node.id, label: node.label, kind: node.kind, paths: node.pathIds.length },
    classes: [node.entry ? 'entry' : '', node.target ? 'target' : '', node.chokePoint ? 'choke' : '', KIND_CLASS[node.kind] ?? ''].filter(Boolean).join(' '),
  }));
  const edges: ElementDefinition[] = topology.edges
    .filter((edge) => nodeIds.has(edge.from) && nodeIds.has(edge.to))
    .map((edge) => ({
      group: 'edges',
      data: { id: `edge:${edge.id}`, edgeId: edge.id, source: edge.from, target: edge.to, label: edge.relation },
      classes: edge.unknown ? 'unknown' : '',
    }));
  return [...nodes, ...edges];
}

/** Beyond this many elements, labels and arrows are drawn only when zoomed in. */
export const LARGE_GRAPH = 600;

export const LAYOUT = {
  name: 'dagre',
  rankDir: 'LR',
  nodeSep: 18,
  rankSep: 90,
  edgeSep: 8,
  animate: false,
  fit: true,
  padding: 24,
} as const;

/** Edges in attack order: by the layer of their source, counted from the nodes nothing points to (the entries). */
export function edgesInAttackOrder(topology: Topology): TopologyEdge[] {
  const incoming = new Map(topology.nodes.map((node) => [node.id, 0]));
  const outgoing = new Map<string, TopologyEdge[]>();
  for (const edge of topology.edges) {
    incoming.set(edge.to, (incoming.get(edge.to) ?? 0) + 1);
    outgoing.set(edge.from, [...(outgoing.get(edge.from) ?? []), edge]);
  }
  const layer = new Map<string, number>();
  const queue = [...incoming].filter(([, count]) => count === 0).map(([id]) => id);
  for (const id of queue) layer.set(id, 0);
  while (queue.length > 0) {
    const id = queue.shift() as string;
    for (const edge of outgoing.get(id) ?? []) {
      layer.set(edge.to, Math.max(layer.get(edge.to) ?? 0, (layer.get(id) ?? 0) + 1));
      const left = (incoming.get(edge.to) ?? 0) - 1;
      incoming.set(edge.to, left);
      if (left === 0) queue.push(edge.to);
    }
  }
  // A cycle leaves its nodes unlayered: they go last, in the order the API gave.
  const rank = (edge: TopologyEdge) => layer.get(edge.from) ?? Number.MAX_SAFE_INTEGER;
  return topology.edges.map((edge, index) => ({ edge, index })).sort((a, b) => rank(a.edge) - rank(b.edge) || a.index - b.index).map(({ edge }) => edge);
}
