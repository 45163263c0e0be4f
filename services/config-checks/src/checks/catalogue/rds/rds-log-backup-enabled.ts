import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const rdsLogBackupEnabled = defineCheck({
  id: 'rds-log-backup-enabled',
  title: 'RDS log backup is enabled (point-in-time recovery)',
  description: 'Fails when log (binlog/WAL) backup is off.',
  rationale: 'Without log backups you can only restore to the last full backup, losing up to days of data.',
  severity: 'MEDIUM',
  product: 'RDS',
  kind: 'rdsInstance',
  free: false,
  standards: [standardRef.mlps('8.1.4.9a')],
  remediation: 'Enable log backup in the backup policy (ModifyBackupPolicy EnableBackupLog=True).',
  apis: ['Rds:DescribeBackupPolicy'],
  reads: ['backup.enableBackupLog'],
  evaluate(asset) {
    const value = asset.configuration.backup.enableBackupLog;
    if (value === null) return verdict.error('Log backup setting was not reported', { field: 'backup.enableBackupLog', value: null });
    return value ? verdict.pass('Log backup is enabled') : verdict.fail('Log backup is disabled', { field: 'backup.enableBackupLog', value });
  },
});
