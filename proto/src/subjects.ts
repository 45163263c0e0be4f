import type { DescMessage } from '@bufbuild/protobuf';
import { AssetChangedSchema, AssetRemovedSchema } from '../gen/rampart/assets/v1/asset_events_pb';
import { BatchCompletedSchema, ResultChangedSchema } from '../gen/rampart/config_checks/v1/result_events_pb';
import { QuotaExhaustedSchema } from '../gen/rampart/billing/v1/quota_pb';
import { BaselineResultChangedSchema } from '../gen/rampart/baseline_checks/v1/result_events_pb';

/**
 * Every domain event: `<service>.<aggregate>.<past-tense-event>.v<N>` (four tokens), the stream
 * that stores it and its protobuf schema. Request/reply subjects have three tokens, so no stream
 * ever captures a request (a stream would otherwise answer it with a PubAck).
 */
export interface EventContract<S extends DescMessage = DescMessage> {
  subject: string;
  stream: string;
  schema: S;
}

function event<S extends DescMessage>(subject: string, stream: string, schema: S): EventContract<S> {
  return { subject, stream, schema };
}

export const EVENTS = {
  assetChanged: event('assets.asset.changed.v1', 'ASSETS', AssetChangedSchema),
  assetRemoved: event('assets.asset.removed.v1', 'ASSETS', AssetRemovedSchema),
  resultChanged: event('config-checks.result.changed.v1', 'CONFIG_CHECKS', ResultChangedSchema),
  batchCompleted: event('config-checks.batch.completed.v1', 'CONFIG_CHECKS', BatchCompletedSchema),
  quotaExhausted: event('billing.quota.exhausted.v1', 'BILLING', QuotaExhaustedSchema),
  baselineResultChanged: event('baseline-checks.result.changed.v1', 'BASELINE_CHECKS', BaselineResultChangedSchema),
} as const;

/** The event streams and the subjects each captures. */
export const STREAMS: Record<string, { subjects: string[]; description: string }> = {
  ASSETS: { subjects: ['assets.*.*.*'], description: 'Asset inventory changes' },
  CONFIG_CHECKS: { subjects: ['config-checks.*.*.*'], description: 'Check results and scan batches' },
  BASELINE_CHECKS: { subjects: ['baseline-checks.*.*.*'], description: 'Host baseline results' },
  ATTACK_PATHS: { subjects: ['attack-paths.*.*.*'], description: 'Attack path changes' },
  BILLING: { subjects: ['billing.*.*.*'], description: 'Quota and subscription events' },
};

/** NATS request/reply subjects (three tokens; never stored in a stream). */
export const REQUESTS = {
  quotaReserve: 'billing.quota.reserve',
  quotaPost: 'billing.quota.post',
  quotaVoid: 'billing.quota.void',
  entitlements: 'billing.entitlements.get',
  /** JSON bodies: RemediationRequest → RemediationReply (./remediation). */
  remediationExecute: 'assets.remediation.execute',
  /** BaselineTaskRequest → BaselineTaskResponse: a baseline task, for config-checks' `scanTask(id)`. */
  baselineTask: 'baseline-checks.task.get',
} as const;

/** The NATS KV bucket with the last-value progress of every task; key `<tenant>.<task>`. */
export const PROGRESS_BUCKET = 'scan_progress';

/** Message headers every Rampart message carries. */
export const HEADERS = {
  tenant: 'Rampart-Tenant',
  eventType: 'Rampart-Event',
} as const;
