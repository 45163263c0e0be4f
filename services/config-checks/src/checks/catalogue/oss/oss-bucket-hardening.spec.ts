import type { PolicyStatement } from '@rampart/asset-model';
import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures } from '../../testing/check-fixtures.verifier';

const denyHttp: PolicyStatement = { Effect: 'Deny', Principal: { RAM: ['*'] }, Action: ['oss:*'], Resource: ['acs:oss:*:*:app-data/*'], Condition: { Bool: { 'acs:SecureTransport': ['false'] } } };
const officeOnly: PolicyStatement = { Effect: 'Deny', Principal: '*', Action: 'oss:*', Resource: '*', Condition: { NotIpAddress: { 'acs:SourceIp': ['203.0.113.0/24'] } } };
const worldIp: PolicyStatement = { Effect: 'Allow', Principal: '*', Action: 'oss:GetObject', Resource: '*', Condition: { IpAddress: { 'acs:SourceIp': '0.0.0.0/0' } } };

verifyCheckFixtures(catalogueItem('oss-bucket-logging'), {
  pass: [{ name: 'logs go to a log bucket', asset: f.bucket() }],
  fail: [
    { name: 'logging is off', asset: f.bucket({ logging: { enabled: false, targetBucket: null, targetPrefix: null } }), evidence: { field: 'logging.enabled', value: false } },
    { name: 'logging is off and a target bucket is chosen for the fix', asset: f.bucket({ logging: { enabled: false, targetBucket: null, targetPrefix: null } }), fixParams: { targetBucket: 'central-logs' } },
  ],
  error: [{ name: 'logging could not be read', asset: f.withUnknown(f.bucket(), ['logging'], 'Oss:GetBucketLogging') }],
});

verifyCheckFixtures(catalogueItem('oss-bucket-secure-transport'), {
  pass: [{ name: 'the policy denies requests with acs:SecureTransport false', asset: f.bucket({ policy: { Version: '1', Statement: [denyHttp] } }) }],
  fail: [
    { name: 'there is no bucket policy', asset: f.bucket(), evidence: { hasPolicy: false } },
    { name: 'the policy has no deny-HTTP statement', asset: f.bucket({ policy: { Version: '1', Statement: [officeOnly] } }), evidence: { hasPolicy: true } },
  ],
  error: [{ name: 'the policy could not be read', asset: f.withUnknown(f.bucket(), ['policy'], 'Oss:GetBucketPolicy') }],
});

verifyCheckFixtures(catalogueItem('oss-bucket-ip-restriction'), {
  pass: [{ name: 'access outside the office range is denied', asset: f.bucket({ policy: { Version: '1', Statement: [officeOnly] } }) }],
  fail: [
    { name: 'there is no policy', asset: f.bucket() },
    { name: 'the only IP condition is 0.0.0.0/0', asset: f.bucket({ policy: { Version: '1', Statement: [worldIp] } }) },
  ],
  error: [{ name: 'the policy could not be read', asset: f.withUnknown(f.bucket(), ['policy'], 'Oss:GetBucketPolicy') }],
});

verifyCheckFixtures(catalogueItem('oss-bucket-sse-kms'), {
  pass: [
    { name: 'SSE-KMS uses the OSS service key', asset: f.bucket() },
    { name: 'SSE-KMS uses a customer key', asset: f.bucket({ encryption: { algorithm: 'KMS', kmsMasterKeyId: 'key-byok' } }) },
  ],
  fail: [
    { name: 'encryption is AES256 with OSS-managed keys', asset: f.bucket({ encryption: { algorithm: 'AES256', kmsMasterKeyId: null } }), evidence: { value: 'AES256' } },
    { name: 'there is no default encryption', asset: f.bucket({ encryption: { algorithm: null, kmsMasterKeyId: null } }) },
  ],
  error: [{ name: 'encryption could not be read', asset: f.withUnknown(f.bucket(), ['encryption'], 'Oss:GetBucketEncryption') }],
});

verifyCheckFixtures(catalogueItem('oss-bucket-sse-byok'), {
  pass: [{ name: 'the key was created by the account', asset: f.bucket({ encryption: { algorithm: 'KMS', kmsMasterKeyId: 'key-byok' } }), context: [f.kmsKey()] }],
  fail: [
    { name: 'SSE-KMS uses the OSS service key', asset: f.bucket(), evidence: { kmsMasterKeyId: null } },
    { name: 'the key was created by the OSS service', asset: f.bucket({ encryption: { algorithm: 'KMS', kmsMasterKeyId: 'key-oss' } }), context: [f.kmsKey({ keyId: 'key-oss', creator: 'Oss' })], evidence: { creator: 'Oss' } },
  ],
  error: [
    { name: 'the key is not in the inventory', asset: f.bucket({ encryption: { algorithm: 'KMS', kmsMasterKeyId: 'key-gone' } }) },
    { name: 'the key could not be described', asset: f.bucket({ encryption: { algorithm: 'KMS', kmsMasterKeyId: 'key-byok' } }), context: [f.withUnknown(f.kmsKey(), ['creator'], 'Kms:DescribeKey')] },
  ],
});

verifyCheckFixtures(catalogueItem('oss-bucket-encryption'), {
  pass: [{ name: 'default encryption is set', asset: f.bucket({ encryption: { algorithm: 'SM4', kmsMasterKeyId: null } }) }],
  fail: [{ name: 'there is no default encryption', asset: f.bucket({ encryption: { algorithm: null, kmsMasterKeyId: null } }), fixParams: { algorithm: 'KMS' } }],
  error: [{ name: 'encryption could not be read', asset: f.withUnknown(f.bucket(), ['encryption'], 'Oss:GetBucketEncryption') }],
});

verifyCheckFixtures(catalogueItem('oss-bucket-versioning'), {
  pass: [{ name: 'versioning is enabled', asset: f.bucket() }],
  fail: [
    { name: 'versioning was never enabled', asset: f.bucket({ versioning: null }) },
    { name: 'versioning is suspended', asset: f.bucket({ versioning: 'Suspended' }), evidence: { value: 'Suspended' } },
  ],
  error: [{ name: 'versioning could not be read', asset: f.withUnknown(f.bucket(), ['versioning'], 'Oss:GetBucketVersioning') }],
});
