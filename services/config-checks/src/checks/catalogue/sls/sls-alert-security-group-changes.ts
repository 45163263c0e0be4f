import { standardRef } from '../standard-ref.factory';
import { defineSlsAlertCheck } from './sls-alert-check.factory';

export const slsAlertSecurityGroupChanges = defineSlsAlertCheck({
  id: 'sls-alert-security-group-changes',
  subject: 'security group changes',
  severity: 'MEDIUM',
  standards: [standardRef.cis('2.22'), standardRef.mlps('8.1.5.4f')],
  allOf: ['AuthorizeSecurityGroup', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroup', 'RevokeSecurityGroupEgress', 'CreateSecurityGroup', 'DeleteSecurityGroup', 'JoinSecurityGroup', 'LeaveSecurityGroup', 'ModifySecurityGroupPolicy'],
  anyOf: [],
  rationale: 'A single security-group rule can expose a database or management port to the internet.',
});
