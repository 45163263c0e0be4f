import { standardRef } from '../standard-ref.factory';
import { defineSlsAlertCheck } from './sls-alert-check.factory';

export const slsAlertOssBucketPolicyChanges = defineSlsAlertCheck({
  id: 'sls-alert-oss-bucket-policy-changes',
  subject: 'OSS bucket policy changes',
  severity: 'MEDIUM',
  standards: [standardRef.cis('2.21'), standardRef.mlps('8.1.5.4f')],
  allOf: ['PutBucketPolicy', 'DeleteBucketPolicy', 'PutBucketCors', 'DeleteBucketCors', 'PutBucketLifecycle', 'DeleteBucketLifecycle', 'PutBucketEncryption', 'DeleteBucketEncryption', 'PutBucketReplication', 'DeleteBucketReplication'],
  anyOf: [],
  rationale: 'Bucket policy, CORS, lifecycle, encryption and replication changes can expose, exfiltrate or destroy data.',
});
