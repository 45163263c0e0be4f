import { startSubgraph, type RunningSubgraph } from '@rampart/platform';
import { ensureStreams, OutboxRelay } from '@rampart/messaging';
import { AssetsModule } from './assets/assets.module';
import { ImportsModule } from './imports/imports.module';
import { CloudAccountsModule } from './cloud-accounts/cloud-accounts.module';
import type { AssetsConfig } from './config';
import { assetsMigrations } from './database/migrations';
import { RemediationRequestHandler } from './remediation/remediation-request.handler';
import { RemediationModule } from './remediation/remediation.module';
import { RemediationService } from './remediation/remediation.service';

/** Starts the assets subgraph: inventory queries, imports, live-account remediation, and the outbox relay of asset events. */
export async function startAssetsSubgraph(config: AssetsConfig): Promise<RunningSubgraph> {
  return startSubgraph({
    config,
    migrations: assetsMigrations,
    imports: [AssetsModule, ImportsModule, CloudAccountsModule, RemediationModule],
    bodyLimit: `${config.importMaxBytes}b`,
    onStarted: async ({ app, database, nats, logger }) => {
      await ensureStreams(nats, ['ASSETS']);
      const relay = new OutboxRelay(database, nats, logger);
      await relay.start();
      const remediation = new RemediationRequestHandler(nats, app.get(RemediationService), logger);
      remediation.start();
      return async () => {
        await remediation.stop();
        await relay.stop();
      };
    },
  });
}
