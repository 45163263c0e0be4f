import { startSubgraph, type RunningSubgraph } from '@rampart/platform';
import type { BaselineChecksConfig } from './config';
import { baselineChecksMigrations } from './database/migrations';
import { ItemsModule } from './items/items.module';

/** Starts the baseline-checks subgraph: host facts, baseline items, results, policies. */
export async function startBaselineChecksSubgraph(config: BaselineChecksConfig): Promise<RunningSubgraph> {
  return startSubgraph({ config, migrations: baselineChecksMigrations, imports: [ItemsModule] });
}
