import { loadConfigOrExit, readPlatformConfig, type EnvReader, type PlatformConfig } from '@rampart/platform';

export interface BaselineChecksConfig extends PlatformConfig {
  /** How long to wait for billing's `billing.entitlements.get` answer before refusing the operation. */
  entitlementsTimeoutMs: number;
  /** Operator-loaded vulnerability feed (Debian OVAL XML or OSV JSON) for the missing-patch item; none: MANUAL. */
  vulnerabilityFeedPath?: string;
}

export function readBaselineChecksConfig(env: EnvReader): BaselineChecksConfig {
  return {
    ...readPlatformConfig(env, 'baseline-checks', 4003),
    entitlementsTimeoutMs: env.int('BILLING_REQUEST_TIMEOUT_MS', 5000, { min: 100, max: 120_000 }),
    vulnerabilityFeedPath: env.optionalString('BASELINE_VULNERABILITY_FEED'),
  };
}

export const loadBaselineChecksConfig = (env = process.env) =>
  loadConfigOrExit('baseline-checks', readBaselineChecksConfig, env);
