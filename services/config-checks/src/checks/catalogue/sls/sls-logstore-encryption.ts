import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const slsLogstoreEncryption = defineCheck({
  id: 'sls-logstore-encryption',
  title: 'SLS logstores encrypt data at rest',
  description: 'Fails for a project with a logstore that has encryption turned off.',
  rationale: 'Logs carry user names, IPs and request data; encryption at rest protects them in storage and backups.',
  severity: 'LOW',
  product: 'SLS',
  kind: 'slsProject',
  free: false,
  standards: [standardRef.mlps('8.1.4.8b')],
  remediation: 'Enable encryption on the logstore (UpdateLogStore encrypt_conf), preferably with a KMS key.',
  apis: ['Sls:ListLogStores', 'Sls:GetLogStore'],
  reads: ['logStores'],
  evaluate(asset) {
    const stores = asset.configuration.logStores;
    const plain = stores.filter((s) => s.encrypted === false);
    if (plain.length > 0) return verdict.fail(`Logstore ${plain[0].name} is not encrypted`, { field: 'logStores.encrypted', logStores: plain.map((s) => s.name) });
    const unknown = stores.find((s) => s.encrypted === null);
    if (unknown !== undefined) return verdict.error(`Encryption of logstore ${unknown.name} was not reported`, { field: 'logStores.encrypted', logStore: unknown.name });
    return verdict.pass(stores.length === 0 ? 'Project has no logstore' : 'Every logstore is encrypted');
  },
});
