import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const ossBucketBlockPublicAccess = defineCheck({
  id: 'oss-bucket-block-public-access',
  title: 'OSS Block Public Access is on for the bucket',
  description: 'Fails unless Block Public Access is enabled on the bucket (a bucket that never set it reports it as off).',
  rationale: 'Block Public Access is a guard rail: a later public ACL or policy, by mistake or by an attacker, has no effect.',
  severity: 'MEDIUM',
  product: 'OSS',
  kind: 'bucket',
  free: false,
  standards: [standardRef.mlps('8.1.4.2a')],
  remediation: 'Turn on Block Public Access for the bucket (or account-wide) (PutBucketPublicAccessBlock BlockPublicAccess=true).',
  apis: ['Oss:GetBucketPublicAccessBlock'],
  reads: ['blockPublicAccess'],
  evaluate(asset) {
    const value = asset.configuration.blockPublicAccess;
    return value === true
      ? verdict.pass('Block Public Access is on')
      : verdict.fail('Block Public Access is off', { field: 'blockPublicAccess', value, expected: true });
  },
  fix: {
    description: 'Turns on Block Public Access (PutBucketPublicAccessBlock); the rollback turns it off.',
    writeActions: ['Oss:PutBucketPublicAccessBlock'],
    rollbackActions: ['Oss:PutBucketPublicAccessBlock'],
    captureActions: ['Oss:GetBucketPublicAccessBlock'],
    plan(asset) {
      const bucket = asset.configuration.bucketName;
      const region = asset.region;
      const call = (blockPublicAccess: boolean) => ({ product: 'Oss' as const, action: 'PutBucketPublicAccessBlock', region, params: { bucket, blockPublicAccess } });
      return {
        ok: true,
        plan: {
          summary: `Block public access to ${bucket}`,
          capture: [{ call: { product: 'Oss', action: 'GetBucketPublicAccessBlock', region, params: { bucket } }, fields: ['blockPublicAccess'] }],
          priorState: { blockPublicAccess: asset.configuration.blockPublicAccess },
          writes: [call(true)],
          rollback: [call(false)],
        },
      };
    },
  },
});
