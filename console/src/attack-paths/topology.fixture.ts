import type { Topology, TopologyEdge, TopologyNode } from '../api/types';

export const node = (id: string, kind: string, extra: Partial<TopologyNode> = {}): TopologyNode => ({
  id,
  kind,
  label: id,
  assetId: id,
  entry: false,
  target: false,
  chokePoint: false,
  pathIds: ['p'],
  ...extra,
});
export const edge = (from: string, to: string, relation: string): TopologyEdge => ({
  id: `${from}->${to}`,
  from,
  to,
  relation,
  reason: `${from} reaches ${to}`,
  evidence: [{ assetId: from, field: 'rules[0]', value: '0.0.0.0/0 tcp 22' }],
  unknown: false,
  pathIds: ['p'],
});

/**
 * Internet → exposed instance → role (a few shared roles: choke points) → bucket, the shape of the
 * EXPOSED_ECS_ROLE_TO_OSS paths, with `chains` exposed instances.
 */
export function layeredTopology(chains: number): Topology {
  const nodes: TopologyNode[] = [node('internet', 'Internet')];
  const edges: TopologyEdge[] = [];
  const roles = 10;
  for (let r = 0; r < roles; r++) nodes.push(node(`role-${r}`, 'RamRole', { chokePoint: true }));
  for (let i = 0; i < chains; i++) {
    nodes.push(node(`ecs-${i}`, 'EcsInstance', { entry: true }), node(`bucket-${i}`, 'OssBucket', { target: true }));
    edges.push(edge('internet', `ecs-${i}`, 'EXPOSED_TO'), edge(`ecs-${i}`, `role-${i % roles}`, 'ASSUMES'), edge(`role-${i % roles}`, `bucket-${i}`, 'CAN_READ'));
  }
  return { nodes, edges };
}
