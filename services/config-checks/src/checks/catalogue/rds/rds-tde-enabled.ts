import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

const TDE_ENGINES = new Set(['mysql', 'sqlserver', 'postgresql']);

export const rdsTdeEnabled = defineCheck({
  id: 'rds-tde-enabled',
  title: 'Transparent Data Encryption is enabled on the RDS instance',
  description: 'Fails when TDE is not Enabled on an engine that supports it (MySQL, SQL Server, PostgreSQL); other engines are not applicable.',
  rationale: 'TDE encrypts data files and backups at rest, protecting them from storage-level access.',
  severity: 'MEDIUM',
  product: 'RDS',
  kind: 'rdsInstance',
  free: false,
  standards: [standardRef.cis('6.5'), standardRef.mlps('8.1.4.8b')],
  remediation: 'Enable TDE (ModifyDBInstanceTDE), preferably with a customer KMS key. TDE cannot be turned off again.',
  apis: ['Rds:DescribeDBInstanceTDE'],
  reads: ['tde'],
  applicabilityReads: ['engine'],
  notApplicable: (asset) => (TDE_ENGINES.has(asset.configuration.engine.toLowerCase()) ? null : `${asset.configuration.engine} does not support TDE`),
  evaluate(asset) {
    const { status } = asset.configuration.tde;
    return status === 'Enabled' ? verdict.pass('TDE is enabled') : verdict.fail(`TDE is ${status}`, { field: 'tde.status', value: status, expected: 'Enabled' });
  },
});
