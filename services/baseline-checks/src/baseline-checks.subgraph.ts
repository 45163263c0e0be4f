import { startSubgraph, type RunningSubgraph } from '@rampart/platform';
import type { BaselineChecksConfig } from './config';
import { baselineChecksMigrations } from './database/migrations';
import { HostsModule } from './hosts/hosts.module';
import { ItemsModule } from './items/items.module';
import { PoliciesModule } from './policies/policies.module';
import { ResultsModule } from './results/results.module';
import { ScansModule } from './scans/scans.module';

/** Starts the baseline-checks subgraph: host facts, baseline items, results, policies. */
export async function startBaselineChecksSubgraph(config: BaselineChecksConfig): Promise<RunningSubgraph> {
  return startSubgraph({
    config,
    migrations: baselineChecksMigrations,
    imports: [ItemsModule, HostsModule, PoliciesModule, ResultsModule, ScansModule],
    // A full HostFacts report (packages, world-writable paths) runs to a few MB.
    bodyLimit: '16mb',
  });
}
