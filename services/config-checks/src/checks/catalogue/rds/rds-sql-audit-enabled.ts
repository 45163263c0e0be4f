import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const rdsSqlAuditEnabled = defineCheck({
  id: 'rds-sql-audit-enabled',
  title: 'SQL audit (SQL Explorer) is enabled on the RDS instance',
  description: 'Fails when DescribeSQLCollectorPolicy reports SQLCollectorStatus other than Enable.',
  rationale: 'SQL audit records who ran which statement; it is the evidence trail for data access and injection attacks.',
  severity: 'MEDIUM',
  product: 'RDS',
  kind: 'rdsInstance',
  free: true,
  standards: [standardRef.cis('6.3'), standardRef.mlps('8.1.4.3a')],
  remediation: 'Enable SQL Explorer / SQL audit on the instance (ModifySQLCollectorPolicy SQLCollectorStatus=Enable).',
  apis: ['Rds:DescribeSQLCollectorPolicy'],
  reads: ['sqlCollector'],
  evaluate(asset) {
    const { status } = asset.configuration.sqlCollector;
    return status === 'Enable'
      ? verdict.pass('SQL audit is enabled')
      : verdict.fail(`SQL audit is ${status}`, { field: 'sqlCollector.status', value: status, expected: 'Enable' });
  },
  fix: {
    description: 'ModifySQLCollectorPolicy SQLCollectorStatus=Enable; the rollback disables it.',
    writeActions: ['Rds:ModifySQLCollectorPolicy'],
    rollbackActions: ['Rds:ModifySQLCollectorPolicy'],
    captureActions: ['Rds:DescribeSQLCollectorPolicy'],
    plan(asset) {
      const id = asset.configuration.dbInstanceId;
      const call = (SQLCollectorStatus: string) => ({ product: 'Rds' as const, action: 'ModifySQLCollectorPolicy', region: asset.region, params: { DBInstanceId: id, SQLCollectorStatus } });
      return {
        ok: true,
        plan: {
          summary: `Enable SQL audit on ${id}`,
          capture: [{ call: { product: 'Rds', action: 'DescribeSQLCollectorPolicy', region: asset.region, params: { DBInstanceId: id } }, fields: ['sqlCollector'] }],
          priorState: { sqlCollector: { status: asset.configuration.sqlCollector.status } },
          writes: [call('Enable')],
          rollback: [call(asset.configuration.sqlCollector.status === 'Enable' ? 'Enable' : 'Disabled')],
        },
      };
    },
  },
});
