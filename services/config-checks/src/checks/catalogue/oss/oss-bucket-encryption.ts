import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const ossBucketEncryption = defineCheck({
  id: 'oss-bucket-encryption',
  title: 'OSS bucket has default server-side encryption',
  description: 'Fails when the bucket has no default server-side encryption rule (AES256, SM4 or KMS).',
  rationale: 'Default encryption protects every new object at rest without relying on each uploader.',
  severity: 'MEDIUM',
  product: 'OSS',
  kind: 'bucket',
  free: true,
  standards: [standardRef.mlps('8.1.4.8b')],
  remediation: 'Set a default encryption rule on the bucket (PutBucketEncryption).',
  apis: ['Oss:GetBucketEncryption'],
  reads: ['encryption'],
  evaluate(asset) {
    const { algorithm } = asset.configuration.encryption;
    return algorithm !== null
      ? verdict.pass(`Default encryption is ${algorithm}`)
      : verdict.fail('No default server-side encryption', { field: 'encryption.algorithm', value: null });
  },
  fix: {
    description: 'Sets a default encryption rule (PutBucketEncryption); the rollback deletes it.',
    writeActions: ['Oss:PutBucketEncryption'],
    rollbackActions: ['Oss:DeleteBucketEncryption'],
    captureActions: ['Oss:GetBucketEncryption'],
    params: { algorithm: { type: 'string', default: 'AES256', enum: ['AES256', 'KMS', 'SM4'], description: 'Server-side encryption algorithm.' } },
    plan(asset, _ctx, _params, fixParams) {
      const bucket = asset.configuration.bucketName;
      const region = asset.region;
      return {
        ok: true,
        plan: {
          summary: `Encrypt new objects of ${bucket} with ${fixParams.algorithm}`,
          capture: [{ call: { product: 'Oss', action: 'GetBucketEncryption', region, params: { bucket } }, fields: ['encryption'] }],
          priorState: { encryption: { algorithm: null, kmsMasterKeyId: null } },
          writes: [{ product: 'Oss', action: 'PutBucketEncryption', region, params: { bucket, sseAlgorithm: fixParams.algorithm } }],
          rollback: [{ product: 'Oss', action: 'DeleteBucketEncryption', region, params: { bucket } }],
        },
      };
    },
  },
});
