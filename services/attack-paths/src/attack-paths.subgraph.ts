import { startSubgraph, type RunningSubgraph } from '@rampart/platform';
import type { AttackPathsConfig } from './config';
import { attackPathsMigrations } from './database/migrations';
import { PathsModule } from './paths/paths.module';

/** Starts the attack-paths subgraph: the security graph and its ranked paths. */
export async function startAttackPathsSubgraph(config: AttackPathsConfig): Promise<RunningSubgraph> {
  return startSubgraph({ config, migrations: attackPathsMigrations, imports: [PathsModule] });
}
