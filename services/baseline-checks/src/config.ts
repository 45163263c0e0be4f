import { loadConfigOrExit, readPlatformConfig, type EnvReader, type PlatformConfig } from '@rampart/platform';

export type BaselineChecksConfig = PlatformConfig;

export function readBaselineChecksConfig(env: EnvReader): BaselineChecksConfig {
  return readPlatformConfig(env, 'baseline-checks', 4003);
}

export const loadBaselineChecksConfig = (env = process.env) =>
  loadConfigOrExit('baseline-checks', readBaselineChecksConfig, env);
