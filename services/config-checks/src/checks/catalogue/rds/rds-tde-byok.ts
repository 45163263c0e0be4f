import { defineCheck } from '../../engine/define-check.factory';
import { findUnknown } from '../../engine/unknown-data.matcher';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

const TDE_ENGINES = new Set(['mysql', 'sqlserver', 'postgresql']);

export const rdsTdeByok = defineCheck({
  id: 'rds-tde-byok',
  title: 'RDS TDE protector is a customer-managed (BYOK) KMS key',
  description: 'Passes when TDE is enabled with a KMS key the account created (Creator = account id) and that key is Enabled.',
  rationale: 'With your own key you control rotation, access and revocation of the database encryption.',
  severity: 'LOW',
  product: 'RDS',
  kind: 'rdsInstance',
  free: false,
  standards: [standardRef.cis('6.6'), standardRef.mlps('8.1.4.8b')],
  remediation: 'Enable TDE with a customer KMS key (ModifyDBInstanceTDE EncryptionKey=<key id>).',
  apis: ['Rds:DescribeDBInstanceTDE', 'Rds:DescribeDBInstanceEncryptionKey', 'Kms:DescribeKey'],
  reads: ['tde'],
  applicabilityReads: ['engine'],
  notApplicable: (asset) => (TDE_ENGINES.has(asset.configuration.engine.toLowerCase()) ? null : `${asset.configuration.engine} does not support TDE`),
  evaluate(asset, ctx) {
    const { status, encryptionKey, byok } = asset.configuration.tde;
    if (status !== 'Enabled') return verdict.fail(`TDE is ${status}`, { field: 'tde.status', value: status });
    if (!encryptionKey) return verdict.fail('TDE uses the service-managed key', { field: 'tde.encryptionKey', value: encryptionKey, byok });
    const key = ctx.byResourceId('kmsKey', asset.accountId, encryptionKey);
    if (key === undefined) {
      return byok
        ? verdict.pass(`TDE uses customer key ${encryptionKey} (key not in inventory to confirm its state)`, { encryptionKey, byok })
        : verdict.error(`KMS key ${encryptionKey} is not in the inventory`, { missingKmsKeyId: encryptionKey });
    }
    const missing = findUnknown(key, ['creator', 'keyState']);
    if (missing !== null) return verdict.unknown(missing, key.id);
    const { creator, keyState } = key.configuration;
    if (creator !== asset.accountId) return verdict.fail(`TDE key ${encryptionKey} was created by ${creator ?? 'a service'}`, { field: 'tde.encryptionKey', encryptionKey, creator });
    if (keyState !== 'Enabled') return verdict.fail(`TDE key ${encryptionKey} is ${keyState}`, { field: 'tde.encryptionKey', encryptionKey, keyState });
    return verdict.pass(`TDE uses customer key ${encryptionKey}`, { encryptionKey, creator });
  },
});
