import { startSubgraph, type RunningSubgraph } from '@rampart/platform';
import { assetReplicaHandlers, DurableConsumer } from '@rampart/messaging';
import type { AttackPathsConfig } from './config';
import { attackPathsMigrations } from './database/migrations';
import { PathsModule } from './paths/paths.module';
import { foldFindingWhenResultChanges } from './recompute/fold-finding-when-result-changes.handler';
import { PathRecomputeService } from './recompute/path-recompute.service';
import { recomputePathsWhenAssetsChange } from './recompute/recompute-paths-when-assets-change.listener';

/** Starts the attack-paths subgraph: the security graph and its ranked paths, kept current from events. */
export async function startAttackPathsSubgraph(config: AttackPathsConfig): Promise<RunningSubgraph> {
  return startSubgraph({
    config,
    migrations: attackPathsMigrations,
    imports: [PathsModule],
    onStarted: async ({ app, database, nats, logger }) => {
      const recompute = app.get(PathRecomputeService);
      const assets = new DurableConsumer(database, nats, logger, {
        durable: 'attack-paths-assets',
        stream: 'ASSETS',
        handlers: assetReplicaHandlers(recomputePathsWhenAssetsChange(recompute)),
      });
      const results = new DurableConsumer(database, nats, logger, {
        durable: 'attack-paths-results',
        stream: 'CONFIG_CHECKS',
        handlers: [foldFindingWhenResultChanges(recompute)],
      });
      await assets.start();
      await results.start();
      recompute.start();
      return async () => {
        await assets.stop();
        await results.stop();
        await recompute.stop();
      };
    },
  });
}
