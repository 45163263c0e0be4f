import { startSubgraph, type PlatformConfig, type RunningSubgraph } from '@rampart/platform';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { accessMigrations } from './database/migrations';

export interface AccessSubgraphOptions {
  config: PlatformConfig;
  apiKeyPepper: string;
  /** Bind address; the gateway hosts it on loopback (only the gateway calls it). */
  host?: string;
}

/**
 * The sixth subgraph, `access`: partner API keys (create, list, revoke). Hosted by the gateway process,
 * whose API-key verifier reads the same database (`rampart_access`); composed into the supergraph like
 * the others. Also owns the gateway's shared rate-limit buckets.
 */
export function startAccessSubgraph(options: AccessSubgraphOptions): Promise<RunningSubgraph> {
  return startSubgraph({
    config: options.config,
    migrations: accessMigrations,
    imports: [ApiKeysModule.forRoot(options.apiKeyPepper)],
    host: options.host,
  });
}
