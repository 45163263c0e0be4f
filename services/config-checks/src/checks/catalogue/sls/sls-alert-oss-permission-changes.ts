import { standardRef } from '../standard-ref.factory';
import { defineSlsAlertCheck } from './sls-alert-check.factory';

export const slsAlertOssPermissionChanges = defineSlsAlertCheck({
  id: 'sls-alert-oss-permission-changes',
  subject: 'OSS bucket and object ACL changes',
  severity: 'MEDIUM',
  standards: [standardRef.cis('2.14'), standardRef.mlps('8.1.5.4f')],
  allOf: [],
  anyOf: ['PutObjectAcl', 'PutBucketAcl', 'acl'],
  rationale: 'ACL changes are the usual way data becomes public, by mistake or on purpose (this alert reads the OSS access log, not ActionTrail).',
});
