import { standardRef } from '../standard-ref.factory';
import { defineSlsAlertCheck } from './sls-alert-check.factory';

export const slsAlertRdsConfigChanges = defineSlsAlertCheck({
  id: 'sls-alert-rds-config-changes',
  subject: 'RDS instance configuration changes',
  severity: 'MEDIUM',
  standards: [standardRef.cis('2.15'), standardRef.mlps('8.1.5.4f')],
  allOf: ['ModifySecurityIps', 'ModifyDBInstanceSSL', 'ModifyDBInstanceNetworkType', 'AllocateInstancePublicConnection', 'ModifyBackupPolicy', 'MigrateSecurityIPMode'],
  anyOf: ['Rds'],
  rationale: 'Whitelist, SSL, network and backup changes are the RDS settings that decide exposure and recoverability.',
});
