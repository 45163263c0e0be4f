import { startSubgraph, type RunningSubgraph } from '@rampart/platform';
import { ensureStreams, OutboxRelay } from '@rampart/messaging';
import { AssetsModule } from './assets/assets.module';
import { ImportsModule } from './imports/imports.module';
import { CloudAccountsModule } from './cloud-accounts/cloud-accounts.module';
import type { AssetsConfig } from './config';
import { assetsMigrations } from './database/migrations';

/** Starts the assets subgraph: inventory queries, imports, and the outbox relay of asset events. */
export async function startAssetsSubgraph(config: AssetsConfig): Promise<RunningSubgraph> {
  return startSubgraph({
    config,
    migrations: assetsMigrations,
    imports: [AssetsModule, ImportsModule, CloudAccountsModule],
    bodyLimit: `${config.importMaxBytes}b`,
    onStarted: async ({ database, nats, logger }) => {
      await ensureStreams(nats, ['ASSETS']);
      const relay = new OutboxRelay(database, nats, logger);
      await relay.start();
      return () => relay.stop();
    },
  });
}
