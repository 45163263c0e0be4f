/**
 * Lays out the console's attack-path topology (cytoscape + dagre, left to right) for growing element counts, as the
 * attack-path page does before drawing: the part of "usable at 2,000 elements" that grows with the graph.
 *
 *   node -r @swc-node/register bench/console-topology.bench.ts [--chains 400,1000]
 */
import { loadavg } from 'node:os';
import { createTopologyGraph } from '../console/src/attack-paths/topology.graph';
import { layeredTopology } from '../console/src/attack-paths/topology.fixture';

const arg = process.argv.indexOf('--chains');
const chainCounts = (arg > 0 ? process.argv[arg + 1]! : '100,400,1000').split(',').map(Number);

for (const chains of chainCounts) {
  const topology = layeredTopology(chains);
  const times: number[] = [];
  let elements = 0;
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    const graph = createTopologyGraph(topology);
    times.push(performance.now() - started);
    elements = graph.elements().length;
    graph.destroy();
  }
  times.sort((a, b) => a - b);
  console.log(`${elements} elements: layout median ${times[2]!.toFixed(0)} ms, max ${times[4]!.toFixed(0)} ms (5 runs)`);
}
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
