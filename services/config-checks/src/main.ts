import { runService } from '@rampart/platform';
import { loadConfigChecksConfig } from './config';
import { startConfigChecksSubgraph } from './config-checks.subgraph';

runService(() => startConfigChecksSubgraph(loadConfigChecksConfig()));
