import { loadConfigOrExit, readPlatformConfig, type EnvReader, type PlatformConfig } from '@rampart/platform';

export interface AttackPathsConfig extends PlatformConfig {
  graphBackend: 'embedded' | 'memgraph';
  memgraphUrl: string | undefined;
  /** Changes to one tenant's graph within this window are folded into one recompute (default 500 ms). */
  recomputeDebounceMs?: number;
  /** How often every replica looks for tenants whose graph changed and was not recomputed (default 1 s). */
  recomputeSweepMs?: number;
  /** How long to wait for billing's entitlement answer (default 2 s). */
  entitlementTimeoutMs?: number;
}

export function readAttackPathsConfig(env: EnvReader): AttackPathsConfig {
  const graphBackend = env.oneOf('GRAPH_BACKEND', ['embedded', 'memgraph'] as const, 'embedded');
  return {
    ...readPlatformConfig(env, 'attack-paths', 4004),
    graphBackend,
    memgraphUrl: graphBackend === 'memgraph' ? env.url('MEMGRAPH_URL', undefined, ['bolt', 'neo4j', 'bolt+s', 'neo4j+s']) : undefined,
  };
}

export const loadAttackPathsConfig = (env = process.env) => loadConfigOrExit('attack-paths', readAttackPathsConfig, env);
