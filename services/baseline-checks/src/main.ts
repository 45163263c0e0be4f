import { runService } from '@rampart/platform';
import { loadBaselineChecksConfig } from './config';
import { startBaselineChecksSubgraph } from './baseline-checks.subgraph';

runService(() => startBaselineChecksSubgraph(loadBaselineChecksConfig()));
