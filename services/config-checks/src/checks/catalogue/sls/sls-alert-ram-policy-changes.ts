import { standardRef } from '../standard-ref.factory';
import { defineSlsAlertCheck } from './sls-alert-check.factory';

export const slsAlertRamPolicyChanges = defineSlsAlertCheck({
  id: 'sls-alert-ram-policy-changes',
  subject: 'RAM policy changes',
  severity: 'MEDIUM',
  standards: [standardRef.cis('2.10'), standardRef.mlps('8.1.5.4f'), standardRef.mlps('8.1.4.3a')],
  allOf: ['CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'UpdatePolicyVersion', 'SetDefaultPolicyVersion', 'DeletePolicyVersion'],
  anyOf: ['Ram', 'ResourceManager'],
  rationale: 'Policy changes are how privileges are escalated or persistence is kept; they should never go unnoticed.',
});
