import { runService } from '@rampart/platform';
import { loadAttackPathsConfig } from './config';
import { startAttackPathsSubgraph } from './attack-paths.subgraph';

runService(() => startAttackPathsSubgraph(loadAttackPathsConfig()));
