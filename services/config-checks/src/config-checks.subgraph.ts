import { startSubgraph, type RunningSubgraph } from '@rampart/platform';
import { assetReplicaHandlers, DurableConsumer, ensureStreams, OutboxRelay } from '@rampart/messaging';
import type { ConfigChecksConfig } from './config';
import { configChecksMigrations } from './database/migrations';
import { ResultsModule } from './results/results.module';

/** Starts the config-checks subgraph: check items, scans, results, and the relay of result events. */
export async function startConfigChecksSubgraph(config: ConfigChecksConfig): Promise<RunningSubgraph> {
  return startSubgraph({
    config,
    migrations: configChecksMigrations,
    imports: [ResultsModule],
    onStarted: async ({ database, nats, logger }) => {
      await ensureStreams(nats, ['CONFIG_CHECKS']);
      const relay = new OutboxRelay(database, nats, logger);
      await relay.start();
      const assets = new DurableConsumer(database, nats, logger, {
        durable: 'config-checks-assets',
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
