import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const ossBucketVersioning = defineCheck({
  id: 'oss-bucket-versioning',
  title: 'OSS bucket versioning is enabled',
  description: 'Fails when versioning is off (never enabled) or Suspended.',
  rationale: 'Versioning lets you recover objects that were overwritten or deleted by mistake or by ransomware.',
  severity: 'LOW',
  product: 'OSS',
  kind: 'bucket',
  free: false,
  standards: [standardRef.mlps('8.1.4.9a')],
  remediation: 'Enable versioning (PutBucketVersioning Enabled) and add a lifecycle rule to expire old versions.',
  apis: ['Oss:GetBucketVersioning'],
  reads: ['versioning'],
  evaluate(asset) {
    const { versioning } = asset.configuration;
    return versioning === 'Enabled'
      ? verdict.pass('Versioning is enabled')
      : verdict.fail(`Versioning is ${versioning ?? 'not enabled'}`, { field: 'versioning', value: versioning, expected: 'Enabled' });
  },
  fix: {
    description: 'Enables versioning (PutBucketVersioning Enabled). OSS cannot return a bucket to "never versioned": the rollback suspends it.',
    writeActions: ['Oss:PutBucketVersioning'],
    rollbackActions: ['Oss:PutBucketVersioning'],
    captureActions: ['Oss:GetBucketVersioning'],
    plan(asset) {
      const bucket = asset.configuration.bucketName;
      const region = asset.region;
      return {
        ok: true,
        plan: {
          summary: `Enable versioning on ${bucket}`,
          capture: [{ call: { product: 'Oss', action: 'GetBucketVersioning', region, params: { bucket } }, fields: ['versioning'] }],
          priorState: { versioning: asset.configuration.versioning },
          writes: [{ product: 'Oss', action: 'PutBucketVersioning', region, params: { bucket, status: 'Enabled' } }],
          rollback: [{ product: 'Oss', action: 'PutBucketVersioning', region, params: { bucket, status: 'Suspended' } }],
        },
      };
    },
  },
});
