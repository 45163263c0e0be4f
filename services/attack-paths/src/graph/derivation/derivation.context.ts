import type { AssetIndex } from './asset.index';
import type { GraphEmitter } from './graph.emitter';
import type { NetworkFacts } from './network.facts';

/** What every deriver reads and writes. */
export interface DerivationContext {
  index: AssetIndex;
  emit: GraphEmitter;
  network: NetworkFacts;
}
