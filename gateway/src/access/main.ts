import { loadConfigOrExit, runService } from '@rampart/platform';
import { readAccessConfig } from '../config';
import { startAccessSubgraph } from './access.subgraph';

/*
 * The access subgraph on its own, listening on PORT. The gateway process hosts it in production; this
 * entry lets `tools/compose-supergraph.ts` read its SDL without starting a gateway.
 */
const config = loadConfigOrExit('access', (env) => ({
  platform: readAccessConfig(env, 'PORT'),
  apiKeyPepper: env.string('API_KEY_PEPPER', 'rampart-development-api-key-pepper-change-me'),
}));
runService(() => startAccessSubgraph({ config: config.platform, apiKeyPepper: config.apiKeyPepper }));
