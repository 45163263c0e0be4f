import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfigOrExit, readPlatformConfig, type EnvReader, type PlatformConfig } from '@rampart/platform';

export interface AssetsConfig extends PlatformConfig {
  /** Largest snapshot accepted by importInventory, in bytes. */
  importMaxBytes: number;
  /** Most API calls one snapshot may hold. */
  importMaxCalls: number;
  /** AES-256-GCM key (32 bytes) that encrypts cloud account credentials at rest. */
  credentialsKey?: Buffer;
  /** Per-product endpoint override for the live connector, e.g. `{ ecs: 'http://127.0.0.1:9000' }` (lower-case product). */
  alibabaEndpointOverride?: Record<string, string>;
  /** Directory `syncCloudAccount(writeSnapshot: true)` writes snapshots to. */
  snapshotDir?: string;
  /** Concurrent API calls per product and region. */
  collectorConcurrency?: number;
  /** First retry delay of throttled calls; doubles each attempt. */
  collectorRetryBaseMs?: number;
}

/** Development only: a key generated once into `.rampart/credentials.key`, so restarts can still decrypt. */
export const DEVELOPMENT_CREDENTIALS_KEY_FILE = '.rampart/credentials.key';

function readCredentialsKey(env: EnvReader, production: boolean): Buffer {
  const configured = env.optionalString('CREDENTIALS_KEY');
  if (configured === undefined && !production) {
    const file = resolve(DEVELOPMENT_CREDENTIALS_KEY_FILE);
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
    }
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  }
  const key = Buffer.from(env.string('CREDENTIALS_KEY'), 'base64');
  if (key.length !== 32) throw new Error('CREDENTIALS_KEY must be 32 bytes, base64-encoded');
  return key;
}

/** `ALIBABA_ENDPOINT_OVERRIDE`: `http://127.0.0.1:9000` for every product, or `ecs=http://…,oss=http://…`. */
export function parseEndpointOverride(value: string | undefined): Record<string, string> | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (!value.includes('=')) return { '*': value.trim() };
  const entries = value.split(',').map((pair) => {
    const [product, url] = pair.split('=').map((part) => part.trim());
    if (!product || !url) throw new Error(`ALIBABA_ENDPOINT_OVERRIDE: bad entry "${pair}"`);
    return [product.toLowerCase(), url] as const;
  });
  return Object.fromEntries(entries);
}

export function readAssetsConfig(env: EnvReader): AssetsConfig {
  const platform = readPlatformConfig(env, 'assets', 4001);
  return {
    ...platform,
    importMaxBytes: env.int('ASSETS_IMPORT_MAX_BYTES', 512 * 1024 * 1024, { min: 1024 }),
    importMaxCalls: env.int('ASSETS_IMPORT_MAX_CALLS', 2_000_000, { min: 1 }),
    credentialsKey: readCredentialsKey(env, platform.production),
    alibabaEndpointOverride: parseEndpointOverride(env.optionalString('ALIBABA_ENDPOINT_OVERRIDE')),
    snapshotDir: env.string('ASSETS_SNAPSHOT_DIR', '.rampart/snapshots'),
    collectorConcurrency: env.int('ALIBABA_COLLECTOR_CONCURRENCY', 4, { min: 1, max: 64 }),
    collectorRetryBaseMs: env.int('ALIBABA_COLLECTOR_RETRY_BASE_MS', 500, { min: 1 }),
  };
}

export const loadAssetsConfig = (env = process.env) => loadConfigOrExit('assets', readAssetsConfig, env);
