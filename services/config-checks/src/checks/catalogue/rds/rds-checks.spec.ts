import type { WhitelistGroup } from '@rampart/asset-model';
import { ScanIndex } from '../../engine/scan-index.context';
import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures } from '../../testing/check-fixtures.verifier';

const rds = f.rdsInstance;
const group = (entries: string[], o: Partial<WhitelistGroup> = {}): WhitelistGroup => ({ name: 'default', attribute: null, ipType: 'IPv4', entries, ...o });
const pg = (parameters: Record<string, string>) => rds({ engine: 'PostgreSQL', parameters });

verifyCheckFixtures(catalogueItem('rds-whitelist-not-open'), {
  pass: [
    { name: 'only the VPC range is allowed', asset: rds() },
    { name: 'a /8 is allowed and broadPrefix is 0', asset: rds({ whitelistGroups: [group(['10.0.0.0/8'])] }) },
  ],
  fail: [
    { name: '0.0.0.0/0 hides after another entry in a comma list', asset: rds({ whitelistGroups: [group(['10.0.0.1,0.0.0.0/0'])] }), evidence: { openEntries: [{ group: 'default', entry: '0.0.0.0/0' }] } },
    { name: 'the entry is 0.0.0.0 (Alibaba\'s any-address form)', asset: rds({ whitelistGroups: [group(['0.0.0.0'])] }), evidence: { openEntries: [{ entry: '0.0.0.0' }] } },
    { name: 'an IPv6 group allows ::/0', asset: rds({ whitelistGroups: [group(['10.0.0.0/16']), group(['::/0'], { name: 'v6', ipType: 'IPv6' })] }) },
    { name: 'a /8 is allowed and broadPrefix is 8', asset: rds({ whitelistGroups: [group(['10.0.0.0/8'])] }), params: { broadPrefix: 8 } },
    { name: 'a hidden system group is open (it cannot be rewritten)', asset: rds({ whitelistGroups: [group(['0.0.0.0/0'], { name: 'dts', attribute: 'hidden' })] }), fix: 'refused' },
  ],
  error: [{ name: 'the whitelist could not be read', asset: f.withUnknown(rds(), ['whitelistGroups'], 'Rds:DescribeDBInstanceIPArrayList') }],
  notApplicable: [{ name: 'the instance is stopped', asset: rds({ status: 'Stopped', whitelistGroups: [group(['0.0.0.0/0'])] }) }],
});

describe('rds whitelist fix', () => {
  it('keeps the other entries, falls back to 127.0.0.1 for an emptied group, and restores both on rollback', () => {
    const item = catalogueItem('rds-whitelist-not-open');
    const asset = rds({ whitelistGroups: [group(['10.0.0.1', '0.0.0.0/0']), group(['0.0.0.0'], { name: 'ops' })] });
    const outcome = item.fix?.plan(asset, new ScanIndex([asset], 0), item.defaultParams, {});
    if (outcome === undefined || !outcome.ok) throw new Error('no plan');
    expect(outcome.plan.writes.map((w) => w.params)).toEqual([
      { DBInstanceId: 'rm-1', DBInstanceIPArrayName: 'default', SecurityIps: '10.0.0.1', ModifyMode: 'Cover' },
      { DBInstanceId: 'rm-1', DBInstanceIPArrayName: 'ops', SecurityIps: '127.0.0.1', ModifyMode: 'Cover' },
    ]);
    expect(outcome.plan.rollback.map((w) => w.params.SecurityIps)).toEqual(['10.0.0.1,0.0.0.0/0', '0.0.0.0']);
  });
});

verifyCheckFixtures(catalogueItem('rds-public-endpoint'), {
  pass: [{ name: 'only private endpoints exist', asset: rds() }],
  fail: [{ name: 'a public endpoint is allocated', asset: rds({ publicConnection: true, netInfo: [{ connectionString: 'rm-1o.mysql.rds.aliyuncs.com', ipAddress: '47.1.1.1', ipType: 'Public', port: 3306 }] }), evidence: { publicEndpoints: [{ connectionString: 'rm-1o.mysql.rds.aliyuncs.com' }] } }],
  error: [{ name: 'net info could not be read', asset: f.withUnknown(rds(), ['netInfo'], 'Rds:DescribeDBInstanceNetInfo') }],
  notApplicable: [{ name: 'the instance is stopped', asset: rds({ status: 'Stopped', publicConnection: true }) }],
});

verifyCheckFixtures(catalogueItem('rds-ssl-enabled'), {
  pass: [{ name: 'SSL is enforced', asset: rds() }, { name: 'SSL is enabled (not enforced) by default rules', asset: rds({ ssl: { enabled: true, forceEncryption: false, expireTime: null } }) }],
  fail: [
    { name: 'SSL is disabled', asset: rds({ ssl: { enabled: false, forceEncryption: false, expireTime: null } }) },
    { name: 'SSL is not enforced and enforcement is required', asset: rds({ ssl: { enabled: true, forceEncryption: false, expireTime: null } }), params: { requireForceEncryption: true }, fix: 'refused' },
  ],
  error: [{ name: 'the SSL state could not be read', asset: f.withUnknown(rds(), ['ssl'], 'Rds:DescribeDBInstanceSSL') }],
});

verifyCheckFixtures(catalogueItem('rds-sql-audit-enabled'), {
  pass: [{ name: 'SQL audit is enabled', asset: rds() }],
  fail: [{ name: 'SQL audit is disabled', asset: rds({ sqlCollector: { status: 'Disabled', retentionDays: null } }) }],
  error: [{ name: 'the audit policy could not be read', asset: f.withUnknown(rds(), ['sqlCollector'], 'Rds:DescribeSQLCollectorPolicy') }],
});

verifyCheckFixtures(catalogueItem('rds-sql-audit-retention'), {
  pass: [{ name: 'logs are kept 365 days', asset: rds() }],
  fail: [
    { name: 'logs are kept exactly 180 days (not more than 6 months)', asset: rds({ sqlCollector: { status: 'Enable', retentionDays: 180 } }) },
    { name: 'SQL audit is off', asset: rds({ sqlCollector: { status: 'Disabled', retentionDays: 30 } }), fix: 'refused' },
  ],
  error: [{ name: 'retention is not reported', asset: rds({ sqlCollector: { status: 'Enable', retentionDays: null } }) }],
});

verifyCheckFixtures(catalogueItem('rds-tde-enabled'), {
  pass: [{ name: 'TDE is enabled', asset: rds() }],
  fail: [{ name: 'TDE is disabled', asset: rds({ tde: { status: 'Disabled', encryptionKey: null, byok: false } }) }],
  error: [{ name: 'TDE state could not be read', asset: f.withUnknown(rds(), ['tde'], 'Rds:DescribeDBInstanceTDE') }],
  notApplicable: [{ name: 'the engine is MariaDB', asset: rds({ engine: 'MariaDB', tde: { status: 'Disabled', encryptionKey: null, byok: false } }) }],
});

verifyCheckFixtures(catalogueItem('rds-tde-byok'), {
  pass: [{ name: 'TDE uses an enabled key of the account', asset: rds(), context: [f.kmsKey()] }],
  fail: [
    { name: 'TDE uses the service key', asset: rds({ tde: { status: 'Enabled', encryptionKey: null, byok: false } }) },
    { name: 'the customer key is disabled', asset: rds(), context: [f.kmsKey({ keyState: 'Disabled' })], evidence: { keyState: 'Disabled' } },
    { name: 'TDE is off', asset: rds({ tde: { status: 'Disabled', encryptionKey: null, byok: false } }) },
  ],
  error: [{ name: 'the key is neither BYOK-flagged nor in the inventory', asset: rds({ tde: { status: 'Enabled', encryptionKey: 'key-x', byok: false } }) }],
  notApplicable: [{ name: 'the engine is MariaDB', asset: rds({ engine: 'MariaDB' }) }],
});

for (const [id, parameter] of [['rds-pg-log-connections', 'log_connections'], ['rds-pg-log-disconnections', 'log_disconnections'], ['rds-pg-log-duration', 'log_duration']] as const) {
  verifyCheckFixtures(catalogueItem(id), {
    pass: [{ name: `${parameter} is on`, asset: pg({ [parameter]: 'on' }) }, { name: `${parameter} is ON in capitals`, asset: pg({ [parameter]: 'ON' }) }],
    fail: [{ name: `${parameter} is off`, asset: pg({ [parameter]: 'off' }), evidence: { field: `parameters.${parameter}`, value: 'off' } }],
    error: [
      { name: 'the parameter is missing from the running parameters', asset: pg({}) },
      { name: 'DescribeParameters failed', asset: f.withUnknown(pg({ [parameter]: 'on' }), ['parameters'], 'Rds:DescribeParameters') },
    ],
    notApplicable: [{ name: 'the engine is MySQL', asset: rds({ parameters: { [parameter]: 'off' } }) }],
  });
}

verifyCheckFixtures(catalogueItem('rds-automatic-backup'), {
  pass: [{ name: 'backups run twice a week and are kept 7 days', asset: rds() }],
  fail: [
    { name: 'no backup day is scheduled', asset: rds({ backup: { backupRetentionPeriod: 7, preferredBackupPeriod: [], enableBackupLog: true, logBackupRetentionPeriod: 7 } }), evidence: { field: 'backup.preferredBackupPeriod' } },
    { name: 'backups are kept 3 days', asset: rds({ backup: { backupRetentionPeriod: 3, preferredBackupPeriod: ['Monday', 'Friday'], enableBackupLog: true, logBackupRetentionPeriod: 3 } }), evidence: { value: 3 } },
  ],
  error: [{ name: 'the backup policy could not be read', asset: f.withUnknown(rds(), ['backup'], 'Rds:DescribeBackupPolicy') }],
});

verifyCheckFixtures(catalogueItem('rds-log-backup-enabled'), {
  pass: [{ name: 'log backup is on', asset: rds() }],
  fail: [{ name: 'log backup is off', asset: rds({ backup: { backupRetentionPeriod: 7, preferredBackupPeriod: ['Monday'], enableBackupLog: false, logBackupRetentionPeriod: null } }) }],
  error: [{ name: 'the setting is not reported', asset: rds({ backup: { backupRetentionPeriod: 7, preferredBackupPeriod: ['Monday'], enableBackupLog: null, logBackupRetentionPeriod: null } }) }],
});
