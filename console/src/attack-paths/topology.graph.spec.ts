import { createTopologyGraph } from './topology.graph';
import { edgesInAttackOrder, toElements } from './topology.elements';
import { edge, layeredTopology, node } from './topology.fixture';

describe('attack path topology graph', () => {
  it('marks entries, targets, choke points and kinds as classes and drops edges to nodes it does not have', () => {
    const elements = toElements({
      nodes: [node('internet', 'Internet'), node('ecs', 'EcsInstance', { entry: true }), node('role', 'RamRole', { chokePoint: true, target: true })],
      edges: [edge('internet', 'ecs', 'EXPOSED_TO'), edge('ecs', 'role', 'ASSUMES'), edge('ecs', 'elsewhere', 'ASSUMES')],
    });

    expect(elements.map((element) => [element.data.id, element.classes])).toEqual([
      ['internet', 'kind-internet'],
      ['ecs', 'entry'],
      ['role', 'target choke kind-identity'],
      ['edge:internet->ecs', ''],
      ['edge:ecs->role', ''],
    ]);
    expect(elements[4].data).toMatchObject({ source: 'ecs', target: 'role', label: 'ASSUMES', edgeId: 'ecs->role' });
  });

  it('lays 2,000 elements out in layers from left to right: every edge points rightwards', () => {
    const topology = layeredTopology(400);
    const graph = createTopologyGraph(topology);
    try {
      expect(graph.elements().length).toBeGreaterThanOrEqual(2_000);
      const x = (id: string) => graph.getElementById(id).position('x');
      for (const { from, to } of topology.edges) expect(x(to)).toBeGreaterThan(x(from));
      const layers = (ids: string[]) => new Set(ids.map((id) => Math.round(x(id))));
      expect(layers(topology.nodes.filter((n) => n.entry).map((n) => n.id)).size).toBe(1);
      expect(layers(topology.nodes.filter((n) => n.target).map((n) => n.id)).size).toBe(1);
      expect(x('internet')).toBeLessThan(x('ecs-0'));
      expect(x('role-0')).toBeLessThan(x('bucket-0'));
    } finally {
      graph.destroy();
    }
  });
});

describe('steps of a topology', () => {
  it('lists edges in attack order, from the entry towards the target, whatever order the API gave', () => {
    const topology = {
      nodes: [node('bucket', 'OssBucket', { target: true }), node('role', 'RamRole'), node('ecs', 'EcsInstance', { entry: true }), node('internet', 'Internet')],
      edges: [edge('role', 'bucket', 'CAN_READ'), edge('ecs', 'role', 'ASSUMES'), edge('internet', 'ecs', 'EXPOSED_TO')],
    };
    expect(edgesInAttackOrder(topology).map((e) => e.relation)).toEqual(['EXPOSED_TO', 'ASSUMES', 'CAN_READ']);
  });

  it('keeps the edges of a cycle, after the others', () => {
    const topology = {
      nodes: [node('a', 'RamRole'), node('b', 'RamRole'), node('entry', 'EcsInstance')],
      edges: [edge('a', 'b', 'ASSUMES'), edge('b', 'a', 'ASSUMES'), edge('entry', 'a', 'EXPOSED_TO')],
    };
    expect(edgesInAttackOrder(topology).map((e) => e.id)).toEqual(['entry->a', 'a->b', 'b->a']);
  });
});
