import { loadConfigOrExit, readPlatformConfig, type EnvReader, type PlatformConfig } from '@rampart/platform';

export type ConfigChecksConfig = PlatformConfig;

export function readConfigChecksConfig(env: EnvReader): ConfigChecksConfig {
  return readPlatformConfig(env, 'config-checks', 4002);
}

export const loadConfigChecksConfig = (env = process.env) => loadConfigOrExit('config-checks', readConfigChecksConfig, env);
