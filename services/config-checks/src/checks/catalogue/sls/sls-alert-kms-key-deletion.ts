import { standardRef } from '../standard-ref.factory';
import { defineSlsAlertCheck } from './sls-alert-check.factory';

export const slsAlertKmsKeyDeletion = defineSlsAlertCheck({
  id: 'sls-alert-kms-key-deletion',
  subject: 'disabling or scheduled deletion of customer KMS keys',
  severity: 'MEDIUM',
  standards: [standardRef.cis('2.20'), standardRef.mlps('8.1.5.4f')],
  allOf: ['DisableKey', 'ScheduleKeyDeletion', 'DeleteKeyMaterial'],
  anyOf: ['Kms'],
  rationale: 'Disabling or deleting a key makes the data it protects unreadable: a sabotage and ransom vector.',
});
