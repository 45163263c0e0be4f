import type { HostFactKey, HostFacts } from '@rampart/host-facts';
import type { HostReader } from './host.reader';

/** What every collector gets: the reader, the deadline of the whole collection and what was collected first. */
export interface CollectContext {
  readonly reader: HostReader;
  /** Epoch ms after which collectors that walk or loop stop and mark their fact truncated. */
  readonly deadline: number;
  /** Installed package names (from dpkg), empty when unknown. */
  readonly installed: ReadonlySet<string>;
}

export type FactsOf<K extends HostFactKey> = { [P in K]: HostFacts[P] };

/** A collector fills a group of facts; if it throws, each of its facts becomes an `error` fact. */
export interface Collector<K extends HostFactKey = HostFactKey> {
  readonly name: string;
  readonly keys: readonly K[];
  collect(context: CollectContext): FactsOf<K>;
}
