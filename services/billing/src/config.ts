import { loadConfigOrExit, readPlatformConfig, type EnvReader, type PlatformConfig } from '@rampart/platform';

export type BillingConfig = PlatformConfig;

export function readBillingConfig(env: EnvReader): BillingConfig {
  return readPlatformConfig(env, 'billing', 4005);
}

export const loadBillingConfig = (env = process.env) => loadConfigOrExit('billing', readBillingConfig, env);
