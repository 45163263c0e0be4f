import { runService } from '@rampart/platform';
import { loadGatewayConfig } from './config';
import { startGateway } from './gateway';

runService(() => startGateway(loadGatewayConfig()));
