import { startSubgraph, type RunningSubgraph } from '@rampart/platform';
import { assetReplicaHandlers, DurableConsumer, ensureStreams, OutboxRelay } from '@rampart/messaging';
import type { ConfigChecksConfig } from './config';
import { CatalogueModule } from './catalogue/catalogue.module';
import { CHECK_CATALOGUE, CheckEvaluator } from './checks';
import { configChecksMigrations } from './database/migrations';
import { FixesModule } from './fixes/fixes.module';
import { RunFixWhenQueuedHandler } from './fixes/run-fix-when-queued.handler';
import { ResultsModule } from './results/results.module';
import { RunBatchWhenQuotaGrantedHandler } from './scans/run-batch-when-quota-granted.handler';
import { ScansModule } from './scans/scans.module';
import { WhitelistModule } from './whitelist/whitelist.module';

/** Starts the config-checks subgraph: check items, scans, fixes, results, and the relay of result events. */
export async function startConfigChecksSubgraph(config: ConfigChecksConfig): Promise<RunningSubgraph> {
  return startSubgraph({
    config,
    migrations: configChecksMigrations,
    imports: [CatalogueModule, ResultsModule, ScansModule, WhitelistModule, FixesModule],
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
      const batches = new RunBatchWhenQuotaGrantedHandler(database, nats, logger, new CheckEvaluator(CHECK_CATALOGUE));
      await batches.start();
      const fixes = new RunFixWhenQueuedHandler(database, nats, logger, new CheckEvaluator(CHECK_CATALOGUE));
      await fixes.start();
      return async () => {
        await fixes.stop();
        await batches.stop();
        await assets.stop();
        await relay.stop();
      };
    },
  });
}
