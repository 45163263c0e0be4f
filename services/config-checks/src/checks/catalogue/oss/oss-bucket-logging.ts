import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import type { ApiCall } from '../../model/fix-plan.definition';
import { standardRef } from '../standard-ref.factory';

export const ossBucketLogging = defineCheck({
  id: 'oss-bucket-logging',
  title: 'Access logging is enabled for the OSS bucket',
  description: 'Fails when GetBucketLogging shows no LoggingEnabled target bucket.',
  rationale: 'Access logs are the only record of who read or changed objects; without them a leak cannot be scoped.',
  severity: 'MEDIUM',
  product: 'OSS',
  kind: 'bucket',
  free: true,
  standards: [standardRef.cis('5.3'), standardRef.mlps('8.1.4.3a')],
  remediation: 'Enable logging to a dedicated, private log bucket in the same region (PutBucketLogging), and ship it to SLS for retention and alerting.',
  apis: ['Oss:GetBucketLogging'],
  reads: ['logging'],
  evaluate(asset) {
    const { logging } = asset.configuration;
    return logging.enabled && logging.targetBucket
      ? verdict.pass(`Access logs go to ${logging.targetBucket}/${logging.targetPrefix ?? ''}`)
      : verdict.fail('Access logging is off', { field: 'logging.enabled', value: logging.enabled, targetBucket: logging.targetBucket });
  },
  fix: {
    description: 'Turns on access logging with PutBucketLogging; the rollback turns it off again (DeleteBucketLogging) or restores the prior target.',
    writeActions: ['Oss:PutBucketLogging'],
    rollbackActions: ['Oss:DeleteBucketLogging', 'Oss:PutBucketLogging'],
    captureActions: ['Oss:GetBucketLogging'],
    params: {
      targetBucket: { type: 'string', default: '', description: 'Bucket receiving the logs (same region); empty = the bucket itself.' },
      targetPrefix: { type: 'string', default: 'oss-access-log/', description: 'Object prefix of the log files.' },
    },
    plan(asset, _ctx, _params, fixParams) {
      const cfg = asset.configuration;
      const bucket = cfg.bucketName;
      const region = asset.region;
      const undo: ApiCall = cfg.logging.targetBucket
        ? { product: 'Oss', action: 'PutBucketLogging', region, params: { bucket, targetBucket: cfg.logging.targetBucket, targetPrefix: cfg.logging.targetPrefix ?? '' } }
        : { product: 'Oss', action: 'DeleteBucketLogging', region, params: { bucket } };
      return {
        ok: true,
        plan: {
          summary: `Enable access logging on ${bucket}`,
          capture: [{ call: { product: 'Oss', action: 'GetBucketLogging', region, params: { bucket } }, fields: ['logging'] }],
          priorState: { logging: { enabled: cfg.logging.enabled, targetBucket: cfg.logging.targetBucket, targetPrefix: cfg.logging.targetPrefix } },
          writes: [{ product: 'Oss', action: 'PutBucketLogging', region, params: { bucket, targetBucket: fixParams.targetBucket || bucket, targetPrefix: fixParams.targetPrefix } }],
          rollback: [undo],
        },
      };
    },
  },
});
