import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const rdsAutomaticBackup = defineCheck({
  id: 'rds-automatic-backup',
  title: 'RDS automatic backup is on with enough retention',
  description: 'Fails when automatic data backups run fewer than minBackupsPerWeek days a week or are kept fewer than minRetentionDays days.',
  rationale: 'Backups are the last line against deletion, corruption and ransomware; the product seed lists automatic backup as a core database check.',
  severity: 'HIGH',
  product: 'RDS',
  kind: 'rdsInstance',
  free: true,
  standards: [standardRef.mlps('8.1.4.9a')],
  remediation: 'Set the backup policy to back up at least twice a week and keep backups 7+ days (ModifyBackupPolicy), and test restores.',
  apis: ['Rds:DescribeBackupPolicy'],
  reads: ['backup.backupRetentionPeriod', 'backup.preferredBackupPeriod'],
  params: {
    minRetentionDays: { type: 'integer', default: 7, minimum: 1, maximum: 730, description: 'Minimum data backup retention in days.' },
    minBackupsPerWeek: { type: 'integer', default: 2, minimum: 1, maximum: 7, description: 'Minimum backup days per week.' },
  },
  evaluate(asset, _ctx, params) {
    const { backupRetentionPeriod, preferredBackupPeriod } = asset.configuration.backup;
    if (backupRetentionPeriod === null) return verdict.error('Backup retention was not reported', { field: 'backup.backupRetentionPeriod', value: null });
    if (preferredBackupPeriod.length < params.minBackupsPerWeek) {
      return verdict.fail(preferredBackupPeriod.length === 0 ? 'Automatic backup is not scheduled' : `Backups run only on ${preferredBackupPeriod.join(', ')}`, {
        field: 'backup.preferredBackupPeriod', value: [...preferredBackupPeriod], expected: `>= ${params.minBackupsPerWeek} days a week`,
      });
    }
    if (backupRetentionPeriod < params.minRetentionDays) {
      return verdict.fail(`Backups are kept ${backupRetentionPeriod} days`, { field: 'backup.backupRetentionPeriod', value: backupRetentionPeriod, expected: `>= ${params.minRetentionDays}` });
    }
    return verdict.pass(`Backups ${preferredBackupPeriod.length}x a week, kept ${backupRetentionPeriod} days`);
  },
  fix: {
    description: 'ModifyBackupPolicy with the required schedule and retention; the rollback restores the prior policy.',
    writeActions: ['Rds:ModifyBackupPolicy'],
    rollbackActions: ['Rds:ModifyBackupPolicy'],
    captureActions: ['Rds:DescribeBackupPolicy'],
    params: {
      backupDays: {
        type: 'string-list', default: ['Monday', 'Wednesday', 'Friday', 'Sunday'],
        itemPattern: '^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$', description: 'Days to back up on.',
      },
    },
    plan(asset, _ctx, params, fixParams) {
      const cfg = asset.configuration;
      const prior = cfg.backup;
      if (prior.backupRetentionPeriod === null) return { ok: false, reason: 'current backup policy unknown' };
      const days = [...new Set([...prior.preferredBackupPeriod, ...fixParams.backupDays])];
      const call = (period: readonly string[], retention: number) => ({
        product: 'Rds' as const, action: 'ModifyBackupPolicy', region: asset.region,
        params: { DBInstanceId: cfg.dbInstanceId, PreferredBackupPeriod: period.join(','), BackupRetentionPeriod: String(retention) },
      });
      return {
        ok: true,
        plan: {
          summary: `Back up ${cfg.dbInstanceId} on ${days.length} days a week, keep ${Math.max(prior.backupRetentionPeriod, params.minRetentionDays)} days`,
          capture: [{ call: { product: 'Rds', action: 'DescribeBackupPolicy', region: asset.region, params: { DBInstanceId: cfg.dbInstanceId } }, fields: ['backup'] }],
          priorState: { backup: { backupRetentionPeriod: prior.backupRetentionPeriod, preferredBackupPeriod: [...prior.preferredBackupPeriod] } },
          writes: [call(days, Math.max(prior.backupRetentionPeriod, params.minRetentionDays))],
          rollback: [call(prior.preferredBackupPeriod.length > 0 ? prior.preferredBackupPeriod : ['Monday'], prior.backupRetentionPeriod)],
        },
      };
    },
  },
});
