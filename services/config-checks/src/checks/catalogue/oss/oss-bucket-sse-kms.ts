import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const ossBucketSseKms = defineCheck({
  id: 'oss-bucket-sse-kms',
  title: 'OSS bucket server-side encryption uses KMS ("Encrypt with Service Key")',
  description: 'Passes when the default server-side encryption is SSE-KMS (the OSS service key or a customer key); AES256/SM4 (OSS-managed) or none fails.',
  rationale: 'SSE-KMS puts key use under KMS audit and access control instead of OSS-internal keys.',
  severity: 'LOW',
  product: 'OSS',
  kind: 'bucket',
  free: false,
  standards: [standardRef.cis('5.8'), standardRef.mlps('8.1.4.8b')],
  remediation: 'Set bucket default encryption to KMS (PutBucketEncryption SSEAlgorithm=KMS).',
  apis: ['Oss:GetBucketEncryption'],
  reads: ['encryption'],
  evaluate(asset) {
    const { algorithm, kmsMasterKeyId } = asset.configuration.encryption;
    if (algorithm === 'KMS') return verdict.pass(kmsMasterKeyId ? `SSE-KMS with key ${kmsMasterKeyId}` : 'SSE-KMS with the OSS service key', { algorithm, kmsMasterKeyId });
    return verdict.fail(algorithm === null ? 'No default server-side encryption' : `Encryption is ${algorithm} with OSS-managed keys, not KMS`, {
      field: 'encryption.algorithm', value: algorithm, expected: 'KMS',
    });
  },
});
