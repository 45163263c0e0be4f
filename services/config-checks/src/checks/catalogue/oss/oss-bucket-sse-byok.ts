import { defineCheck } from '../../engine/define-check.factory';
import { findUnknown } from '../../engine/unknown-data.matcher';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const ossBucketSseByok = defineCheck({
  id: 'oss-bucket-sse-byok',
  title: 'OSS bucket is encrypted with a customer-managed KMS key (BYOK)',
  description: 'Passes when SSE-KMS uses a key whose KMS Creator is the account itself (customer key), not the OSS service key.',
  rationale: 'A customer key can be disabled, rotated and audited by you; revoking it makes the data unreadable even to the provider\'s services.',
  severity: 'LOW',
  product: 'OSS',
  kind: 'bucket',
  free: false,
  standards: [standardRef.cis('5.9'), standardRef.mlps('8.1.4.8b')],
  remediation: 'Create a KMS key and set it as the bucket default encryption key (PutBucketEncryption SSEAlgorithm=KMS KMSMasterKeyID=<key>).',
  apis: ['Oss:GetBucketEncryption', 'Kms:DescribeKey'],
  reads: ['encryption'],
  evaluate(asset, ctx) {
    const { algorithm, kmsMasterKeyId } = asset.configuration.encryption;
    if (algorithm !== 'KMS' || !kmsMasterKeyId) {
      return verdict.fail(algorithm === 'KMS' ? 'SSE-KMS uses the OSS service key, not a customer key' : `Encryption is ${algorithm ?? 'off'}, not SSE-KMS with a customer key`, {
        field: 'encryption.kmsMasterKeyId', algorithm, kmsMasterKeyId,
      });
    }
    const key = ctx.byResourceId('kmsKey', asset.accountId, kmsMasterKeyId);
    if (key === undefined) return verdict.error(`KMS key ${kmsMasterKeyId} is not in the inventory`, { missingKmsKeyId: kmsMasterKeyId });
    const missing = findUnknown(key, ['creator']);
    if (missing !== null) return verdict.unknown(missing, key.id);
    const { creator } = key.configuration;
    return creator === asset.accountId
      ? verdict.pass(`Encrypted with customer key ${kmsMasterKeyId}`, { kmsMasterKeyId, creator })
      : verdict.fail(`Key ${kmsMasterKeyId} was created by ${creator ?? 'a service'}, not the account`, { field: 'encryption.kmsMasterKeyId', kmsMasterKeyId, creator });
  },
});
