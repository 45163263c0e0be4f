import { startSubgraph, type RunningSubgraph } from '@rampart/platform';
import { assetReplicaHandlers, DurableConsumer } from '@rampart/messaging';
import type { AttackPathsConfig } from './config';
import { attackPathsMigrations } from './database/migrations';
import { PathsModule } from './paths/paths.module';

/** Starts the attack-paths subgraph: the security graph and its ranked paths. */
export async function startAttackPathsSubgraph(config: AttackPathsConfig): Promise<RunningSubgraph> {
  return startSubgraph({
    config,
    migrations: attackPathsMigrations,
    imports: [PathsModule],
    onStarted: async ({ database, nats, logger }) => {
      const assets = new DurableConsumer(database, nats, logger, {
        durable: 'attack-paths-assets',
        stream: 'ASSETS',
        handlers: assetReplicaHandlers(),
      });
      await assets.start();
      return () => assets.stop();
    },
  });
}
