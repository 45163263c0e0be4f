import type { RdsInstanceConfiguration, RedisInstanceConfiguration } from '@rampart/asset-model';
import { HZ, assetOf, idOf, normalise, ok } from '../../../test/factories/snapshot.factory';
import { splitIpList } from './whitelist.reader';

const rds = { Items: { DBInstance: [{ DBInstanceId: 'rm-1', Engine: 'MySQL', EngineVersion: '5.7' }] } };
const db = (result: ReturnType<typeof normalise>) => assetOf<RdsInstanceConfiguration>(result, idOf('rds', HZ, 'dbinstance', 'rm-1'));

describe('RDS and Redis normalisers', () => {
  it('splits whitelist strings on commas, trimming blanks', () => {
    expect(splitIpList('10.0.0.1,0.0.0.0/0')).toEqual(['10.0.0.1', '0.0.0.0/0']);
    expect(splitIpList(' 10.0.0.1 , ,192.168.0.0/16,')).toEqual(['10.0.0.1', '192.168.0.0/16']);
    expect(splitIpList(null)).toEqual([]);
  });

  it('reads SSL as on when an engine without SSLEnabled reports a certificate expiry', () => {
    const result = normalise([ok('Rds', 'DescribeDBInstances', rds), ok('Rds', 'DescribeDBInstanceSSL', { SSLExpireTime: '2027-01-01T00:00:00Z', ForceEncryption: '1' }, { DBInstanceId: 'rm-1' })]);
    expect(db(result).configuration.ssl).toEqual({ enabled: true, forceEncryption: true, expireTime: '2027-01-01T00:00:00Z' });
  });

  it('takes the audit retention from the policy StoragePeriod when the retention call is missing', () => {
    const result = normalise([ok('Rds', 'DescribeDBInstances', rds), ok('Rds', 'DescribeSQLCollectorPolicy', { SQLCollectorStatus: 'Enable', StoragePeriod: 30 }, { DBInstanceId: 'rm-1' })]);
    expect(db(result).configuration.sqlCollector).toEqual({ status: 'Enable', retentionDays: 30 });
    expect(db(result).unknown.map((u) => u.fields).flat()).not.toContain('sqlCollector.retentionDays');
  });

  it('marks every RDS detail unknown when only the list was recorded', () => {
    const result = normalise([ok('Rds', 'DescribeDBInstances', rds)]);
    expect(db(result).unknown.map((u) => u.fields).flat()).toEqual([
      'whitelistGroups', 'ssl', 'tde', 'sqlCollector.status', 'sqlCollector.retentionDays', 'parameters', 'netInfo', 'publicConnection', 'backup',
    ]);
  });

  it('reads the Redis endpoint and SSL from DescribeDBInstanceNetInfo and DescribeInstanceSSL when recorded', () => {
    const result = normalise([
      ok('R-kvstore', 'DescribeInstances', { Instances: { KVStoreInstance: [{ InstanceId: 'r-1', NetworkType: 'VPC' }] } }),
      ok('R-kvstore', 'DescribeSecurityIps', { SecurityIpGroups: { SecurityIpGroup: [{ SecurityIpGroupName: 'default', SecurityIpList: '0.0.0.0/0' }] } }, { InstanceId: 'r-1' }),
      ok('R-kvstore', 'DescribeDBInstanceNetInfo', { NetInfoItems: { InstanceNetInfo: [{ ConnectionString: 'r-1.redis.rds.aliyuncs.com', IPType: 'Private' }, { ConnectionString: 'r-1-pub.redis.rds.aliyuncs.com', IPType: 'Public', DBInstanceNetType: '0' }] } }, { InstanceId: 'r-1' }),
      ok('R-kvstore', 'DescribeInstanceSSL', { SSLEnabled: 'Disable' }, { InstanceId: 'r-1' }),
    ]);
    const redis = assetOf<RedisInstanceConfiguration>(result, idOf('kvstore', HZ, 'instance', 'r-1'));
    expect(redis.configuration).toMatchObject({ publicConnection: true, sslEnabled: false, whitelistGroups: [{ name: 'default', attribute: null, ipType: 'IPv4', entries: ['0.0.0.0/0'] }] });
    expect(redis.unknown).toEqual([]);
  });
});
