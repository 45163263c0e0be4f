import { runService } from '@rampart/platform';
import { loadAssetsConfig } from './config';
import { startAssetsSubgraph } from './assets.subgraph';

runService(() => startAssetsSubgraph(loadAssetsConfig()));
