import { EmbeddedGraphStore } from '../graph/engine/embedded-graph.store';
import type { GraphStore } from '../graph/graph.store';
import { MemgraphGraphStore } from '../graph/memgraph/memgraph-graph.store';
import type { AttackPathsConfig } from '../config';

/** The tenant's graph store on the configured backend (GRAPH_BACKEND). */
export async function graphStoreFor(config: Pick<AttackPathsConfig, 'graphBackend' | 'memgraphUrl'>, tenantId: string): Promise<GraphStore> {
  if (config.graphBackend === 'memgraph') {
    if (!config.memgraphUrl) throw new Error('GRAPH_BACKEND=memgraph needs MEMGRAPH_URL');
    return MemgraphGraphStore.connect({ url: config.memgraphUrl, graphId: `tenant:${tenantId}` });
  }
  return new EmbeddedGraphStore();
}
