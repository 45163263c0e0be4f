import { EmbeddedGraphStore } from '../src/graph/engine/embedded-graph.store';
import { MemgraphGraphStore } from '../src/graph/memgraph/memgraph-graph.store';
import { describeGraphStoreContract } from './graph-store.contract';

describeGraphStoreContract('embedded CSR engine', async () => new EmbeddedGraphStore());

// Memgraph joins the contract only where one is running; without MEMGRAPH_URL it is not registered at all.
const memgraphUrl = process.env.MEMGRAPH_URL;
if (memgraphUrl) {
  let run = 0;
  describeGraphStoreContract(`Memgraph at ${memgraphUrl}`, async () =>
    MemgraphGraphStore.connect({
      url: memgraphUrl, user: process.env.MEMGRAPH_USER, password: process.env.MEMGRAPH_PASSWORD,
      graphId: `contract-${process.pid}-${run++}`,
    }));
}
