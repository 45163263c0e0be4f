import { runService } from '@rampart/platform';
import { loadBillingConfig } from './config';
import { startBillingSubgraph } from './billing.subgraph';

runService(() => startBillingSubgraph(loadBillingConfig()));
