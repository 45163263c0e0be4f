import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const rdsSqlAuditRetention = defineCheck({
  id: 'rds-sql-audit-retention',
  title: 'RDS SQL audit logs are kept for more than 6 months',
  description: 'Fails when SQL audit is off, or its retention is not greater than the threshold (default 180 days; RDS offers 30, 180, 365, 1095, 1825).',
  rationale: 'Breaches are discovered months later; six months is also the legal minimum for network logs in China.',
  severity: 'LOW',
  product: 'RDS',
  kind: 'rdsInstance',
  free: false,
  standards: [standardRef.cis('6.4'), standardRef.mlps('8.1.4.3c')],
  remediation: 'Set the SQL audit log retention to 365 days or more (ModifySQLCollectorRetention).',
  apis: ['Rds:DescribeSQLCollectorPolicy', 'Rds:DescribeSQLCollectorRetention'],
  reads: ['sqlCollector'],
  params: { days: { type: 'integer', default: 180, minimum: 1, maximum: 1825, description: 'Retention must be greater than this many days.' } },
  evaluate(asset, _ctx, params) {
    const { status, retentionDays } = asset.configuration.sqlCollector;
    if (status !== 'Enable') return verdict.fail('SQL audit is not enabled, so nothing is retained', { field: 'sqlCollector.status', value: status });
    if (retentionDays === null) return verdict.error('SQL audit retention was not reported', { field: 'sqlCollector.retentionDays', value: null });
    return retentionDays > params.days
      ? verdict.pass(`SQL audit logs are kept ${retentionDays} days`)
      : verdict.fail(`SQL audit logs are kept only ${retentionDays} days`, { field: 'sqlCollector.retentionDays', value: retentionDays, expected: `> ${params.days}` });
  },
  fix: {
    description: 'ModifySQLCollectorRetention to the chosen period; the rollback restores the prior period.',
    writeActions: ['Rds:ModifySQLCollectorRetention'],
    rollbackActions: ['Rds:ModifySQLCollectorRetention'],
    captureActions: ['Rds:DescribeSQLCollectorRetention'],
    params: { retentionDays: { type: 'integer', default: 365, minimum: 30, maximum: 1825, description: 'New retention (30, 180, 365, 1095 or 1825).' } },
    plan(asset, _ctx, _params, fixParams) {
      const cfg = asset.configuration;
      if (cfg.sqlCollector.status !== 'Enable') return { ok: false, reason: 'enable SQL audit first (rds-sql-audit-enabled)' };
      const prior = cfg.sqlCollector.retentionDays;
      if (prior === null) return { ok: false, reason: 'current retention unknown' };
      const call = (days: number) => ({ product: 'Rds' as const, action: 'ModifySQLCollectorRetention', region: asset.region, params: { DBInstanceId: cfg.dbInstanceId, ConfigValue: String(days) } });
      return {
        ok: true,
        plan: {
          summary: `Keep SQL audit logs of ${cfg.dbInstanceId} for ${fixParams.retentionDays} days`,
          capture: [{ call: { product: 'Rds', action: 'DescribeSQLCollectorRetention', region: asset.region, params: { DBInstanceId: cfg.dbInstanceId } }, fields: ['sqlCollector.retentionDays'] }],
          priorState: { 'sqlCollector.retentionDays': prior },
          writes: [call(fixParams.retentionDays)],
          rollback: [call(prior)],
        },
      };
    },
  },
});
