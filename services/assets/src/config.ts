import { loadConfigOrExit, readPlatformConfig, type EnvReader, type PlatformConfig } from '@rampart/platform';

export interface AssetsConfig extends PlatformConfig {
  /** Largest snapshot accepted by importInventory, in bytes. */
  importMaxBytes: number;
  /** Most API calls one snapshot may hold. */
  importMaxCalls: number;
}

export function readAssetsConfig(env: EnvReader): AssetsConfig {
  return {
    ...readPlatformConfig(env, 'assets', 4001),
    importMaxBytes: env.int('ASSETS_IMPORT_MAX_BYTES', 512 * 1024 * 1024, { min: 1024 }),
    importMaxCalls: env.int('ASSETS_IMPORT_MAX_CALLS', 2_000_000, { min: 1 }),
  };
}

export const loadAssetsConfig = (env = process.env) => loadConfigOrExit('assets', readAssetsConfig, env);
