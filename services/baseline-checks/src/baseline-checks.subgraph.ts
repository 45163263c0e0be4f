import { assetReplicaHandlers, DurableConsumer, ensureStreams, OutboxRelay } from '@rampart/messaging';
import { startSubgraph, type RunningSubgraph } from '@rampart/platform';
import type { BaselineChecksConfig } from './config';
import { baselineChecksMigrations } from './database/migrations';
import { HostsModule } from './hosts/hosts.module';
import { ItemsModule } from './items/items.module';
import { PoliciesModule } from './policies/policies.module';
import { ResultsModule } from './results/results.module';
import { ScansModule } from './scans/scans.module';
import { WeakPasswordWordsModule } from './weak-password-words/weak-password-words.module';

/**
 * Starts the baseline-checks subgraph: host facts, baseline items, results, policies and tasks, the relay of result
 * events, and the inventory replica that links hosts to their ECS instances.
 */
export async function startBaselineChecksSubgraph(config: BaselineChecksConfig): Promise<RunningSubgraph> {
  return startSubgraph({
    config,
    migrations: baselineChecksMigrations,
    imports: [ItemsModule, HostsModule, PoliciesModule, ResultsModule, ScansModule, WeakPasswordWordsModule],
    // A full HostFacts report (packages, world-writable paths) runs to a few MB.
    bodyLimit: '16mb',
    onStarted: async ({ database, nats, logger }) => {
      await ensureStreams(nats, ['BASELINE_CHECKS', 'ASSETS']);
      const relay = new OutboxRelay(database, nats, logger);
      await relay.start();
      const assets = new DurableConsumer(database, nats, logger, {
        durable: 'baseline-checks-assets',
        stream: 'ASSETS',
        handlers: assetReplicaHandlers(),
      });
      await assets.start();
      return async () => {
        await assets.stop();
        await relay.stop();
      };
    },
  });
}
