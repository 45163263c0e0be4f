import { paged, range } from './compute.emitter';
import type { RegionPlan } from './inventory.plan';
import type { Generation } from './inventory.topology';

const XML = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** OSS buckets (XML bodies; GetBucketPolicy is JSON text) with a mix of private, public and half-configured ones. */
export function emitBuckets(g: Generation): void {
  const total = g.plan.buckets;
  const owner = `<Owner><ID>${g.accountId}</ID><DisplayName>${g.accountId}</DisplayName></Owner>`;
  paged(total, 1000, (from, to) => {
    const truncated = to < total;
    const buckets = range(from, to, (b) => {
      const r = g.bucketRegion(b);
      const created = g.rng('bucket', 0, b).date(2019, 2026).replace('Z', '.000Z');
      return `<Bucket><CreationDate>${created}</CreationDate><ExtranetEndpoint>oss-${r.region}.aliyuncs.com</ExtranetEndpoint><IntranetEndpoint>oss-${r.region}-internal.aliyuncs.com</IntranetEndpoint><Location>oss-${r.region}</Location><Name>${g.bucketName(b)}</Name><Region>${r.region}</Region><StorageClass>Standard</StorageClass></Bucket>`;
    }).join('');
    g.ok('Oss', 'ListBuckets', null, { 'max-keys': 1000, ...(from > 0 ? { marker: g.bucketName(from - 1) } : {}) },
      `${XML}<ListAllMyBucketsResult>${owner}<Prefix></Prefix><Marker>${from > 0 ? g.bucketName(from - 1) : ''}</Marker><MaxKeys>1000</MaxKeys><IsTruncated>${truncated}</IsTruncated>${truncated ? `<NextMarker>${g.bucketName(to - 1)}</NextMarker>` : ''}<Buckets>${buckets}</Buckets></ListAllMyBucketsResult>`);
  });
  const deniedPolicy = Math.min(2, total - 1);
  for (let b = 0; b < total; b++) {
    const rng = g.rng('bucket', 0, b);
    const name = g.bucketName(b);
    const region = g.bucketRegion(b);
    const params = { bucket: name };
    const acl = rng.chance(0.05) ? 'public-read' : rng.chance(0.01) ? 'public-read-write' : 'private';
    const policyKind = rng.chance(0.7) ? 'none' : rng.chance(0.35) ? 'public' : 'secure-transport';
    const sse = rng.chance(0.5) ? 'none' : rng.chance(0.6) ? 'AES256' : 'KMS';
    const kms = sse === 'KMS' && region.kmsKeys > 0 ? g.kmsKeyId(region, b % region.kmsKeys) : '';
    const logging = b > 0 && rng.chance(0.4);
    const versioning = rng.chance(0.3) ? 'Enabled' : rng.chance(0.1) ? 'Suspended' : null;
    const blockPublic = rng.chance(0.5);
    const loc = `oss-${region.region}`;
    g.ok('Oss', 'GetBucketInfo', region.region, params, `${XML}<BucketInfo><Bucket><AccessMonitor>Disabled</AccessMonitor><CreationDate>2025-01-01T00:00:00.000Z</CreationDate><DataRedundancyType>LRS</DataRedundancyType><ExtranetEndpoint>${loc}.aliyuncs.com</ExtranetEndpoint><IntranetEndpoint>${loc}-internal.aliyuncs.com</IntranetEndpoint><Location>${loc}</Location><Name>${name}</Name><StorageClass>Standard</StorageClass>${owner}<AccessControlList><Grant>${acl}</Grant></AccessControlList><ServerSideEncryptionRule><SSEAlgorithm>${sse === 'none' ? 'None' : sse}</SSEAlgorithm>${kms ? `<KMSMasterKeyID>${kms}</KMSMasterKeyID>` : ''}</ServerSideEncryptionRule><BucketPolicy><LogBucket>${logging ? g.bucketName(0) : ''}</LogBucket><LogPrefix>${logging ? `${name}/` : ''}</LogPrefix></BucketPolicy>${versioning ? `<Versioning>${versioning}</Versioning>` : ''}<BlockPublicAccess>${blockPublic}</BlockPublicAccess></Bucket></BucketInfo>`);
    g.ok('Oss', 'GetBucketAcl', region.region, params, `${XML}<AccessControlPolicy>${owner}<AccessControlList><Grant>${acl}</Grant></AccessControlList></AccessControlPolicy>`);
    if (b === deniedPolicy) {
      g.fail('Oss', 'GetBucketPolicy', region.region, params, 'AccessDenied', 'You have no right to access this object because of bucket acl.');
    } else if (policyKind === 'none') {
      g.fail('Oss', 'GetBucketPolicy', region.region, params, 'NoSuchBucketPolicy', 'The bucket policy does not exist.');
    } else {
      const resource = [`acs:oss:*:${g.accountId}:${name}`, `acs:oss:*:${g.accountId}:${name}/*`];
      const statement = policyKind === 'public'
        ? { Effect: 'Allow', Action: ['oss:GetObject'], Principal: ['*'], Resource: [resource[1]] }
        : { Effect: 'Deny', Action: ['oss:*'], Principal: ['*'], Resource: resource, Condition: { Bool: { 'acs:SecureTransport': ['false'] } } };
      g.ok('Oss', 'GetBucketPolicy', region.region, params, JSON.stringify({ Version: '1', Statement: [statement] }));
    }
    g.ok('Oss', 'GetBucketLogging', region.region, params, logging
      ? `${XML}<BucketLoggingStatus><LoggingEnabled><TargetBucket>${g.bucketName(0)}</TargetBucket><TargetPrefix>${name}/</TargetPrefix></LoggingEnabled></BucketLoggingStatus>`
      : `${XML}<BucketLoggingStatus></BucketLoggingStatus>`);
    if (sse === 'none') g.fail('Oss', 'GetBucketEncryption', region.region, params, 'NoSuchServerSideEncryptionRule', 'The server side encryption configuration was not found');
    else g.ok('Oss', 'GetBucketEncryption', region.region, params, `${XML}<ServerSideEncryptionRule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>${sse}</SSEAlgorithm>${kms ? `<KMSMasterKeyID>${kms}</KMSMasterKeyID>` : '<KMSMasterKeyID></KMSMasterKeyID>'}</ApplyServerSideEncryptionByDefault></ServerSideEncryptionRule>`);
    g.ok('Oss', 'GetBucketVersioning', region.region, params, versioning ? `${XML}<VersioningConfiguration><Status>${versioning}</Status></VersioningConfiguration>` : `${XML}<VersioningConfiguration/>`);
  }
}

const ENGINES = [['MySQL', '8.0'], ['MySQL', '5.7'], ['MySQL', '8.0'], ['PostgreSQL', '14.0'], ['PostgreSQL', '15.0'], ['SQLServer', '2019_std_ha'], ['MariaDB', '10.3']] as const;

/** RDS instances with whitelists (some world-open inside a comma list), SSL, TDE, audit, parameters, endpoints, backups. */
export function emitRds(g: Generation, r: RegionPlan, firstRegion: boolean): void {
  const id = (d: number): string => g.id('rm', 'rds', r, d);
  const engineOf = (d: number): readonly [string, string] => ENGINES[d % ENGINES.length];
  paged(r.rdsInstances, 100, (from, to, page) => g.ok('Rds', 'DescribeDBInstances', r.region, { RegionId: r.region, PageNumber: page, PageSize: 100 }, {
    PageNumber: page, PageRecordCount: to - from, TotalRecordCount: r.rdsInstances,
    Items: { DBInstance: range(from, to, (d) => {
      const v = d % r.vpcs;
      const [engine, version] = engineOf(d);
      return {
        DBInstanceId: id(d), DBInstanceDescription: `${engine.toLowerCase()}-${d}`, Engine: engine, EngineVersion: version, DBInstanceStatus: 'Running',
        InstanceNetworkType: 'VPC', VpcId: g.vpcId(r, v), VSwitchId: g.vSwitchId(r, g.vSwitchInVpc(r, v, d)), RegionId: r.region, ZoneId: `${r.region}-h`,
        DBInstanceNetType: g.rng('rds', r.index, d).chance(0.15) ? 'Internet' : 'Intranet', DBInstanceClass: 'mysql.n2.medium.2c', DBInstanceType: 'Primary',
        PayType: 'Prepaid', LockMode: 'Unlock', CreateTime: '2025-01-01T00:00:00Z', ReadOnlyDBInstanceIds: { ReadOnlyDBInstanceId: [] },
      };
    }) },
  }));
  for (let d = 0; d < r.rdsInstances; d++) {
    const rng = g.rng('rds', r.index, d);
    const p = { RegionId: r.region, DBInstanceId: id(d) };
    const [engine, version] = engineOf(d);
    const v = d % r.vpcs;
    const publicNet = rng.chance(0.15);
    g.ok('Rds', 'DescribeDBInstanceAttribute', r.region, p, { Items: { DBInstanceAttribute: [{
      DBInstanceId: id(d), Engine: engine, EngineVersion: version, DBInstanceStatus: 'Running', VpcId: g.vpcId(r, v), InstanceNetworkType: 'VPC',
      ConnectionString: `${id(d)}.mysql.rds.aliyuncs.com`, Port: '3306', SecurityIPList: '127.0.0.1',
    }] } });
    const app = rng.chance(0.08) ? `${g.vpcCidr(v)},0.0.0.0/0` : rng.chance(0.03) ? '0.0.0.0/0' : g.vpcCidr(v);
    g.ok('Rds', 'DescribeDBInstanceIPArrayList', r.region, p, { Items: { DBInstanceIPArray: [
      { DBInstanceIPArrayName: 'default', DBInstanceIPArrayAttribute: '', SecurityIPType: 'IPv4', SecurityIPList: '127.0.0.1', WhitelistNetworkType: 'MIX' },
      { DBInstanceIPArrayName: 'app', DBInstanceIPArrayAttribute: '', SecurityIPType: 'IPv4', SecurityIPList: app, WhitelistNetworkType: 'MIX' },
      ...(rng.chance(0.3) ? [{ DBInstanceIPArrayName: 'ali_dms_group', DBInstanceIPArrayAttribute: 'hidden', SecurityIPType: 'IPv4', SecurityIPList: '100.104.0.0/16', WhitelistNetworkType: 'MIX' }] : []),
    ] } });
    const ssl = rng.chance(0.5);
    g.ok('Rds', 'DescribeDBInstanceSSL', r.region, p, {
      SSLEnabled: ssl ? 'Yes' : 'No', ForceEncryption: ssl && rng.chance(0.3) ? '1' : '0', SSLExpireTime: ssl ? '2027-06-01T00:00:00Z' : '', RequireUpdate: 'No',
    });
    if (firstRegion && d === 0) {
      g.fail('Rds', 'DescribeDBInstanceTDE', r.region, p, 'Throttling.User', 'Request was denied due to user flow control.');
    } else {
      const tde = rng.chance(0.3);
      g.ok('Rds', 'DescribeDBInstanceTDE', r.region, p, {
        TDEStatus: tde ? 'Enabled' : 'Disabled', ...(tde && r.kmsKeys > 0 ? { EncryptionKey: g.kmsKeyId(r, d % r.kmsKeys) } : {}), Databases: { Database: [] },
      });
    }
    const audit = rng.chance(0.6);
    g.ok('Rds', 'DescribeSQLCollectorPolicy', r.region, p, { SQLCollectorStatus: audit ? 'Enable' : 'Disabled', StoragePeriod: audit ? 30 : 0 });
    g.ok('Rds', 'DescribeSQLCollectorRetention', r.region, p, { ConfigValue: String(rng.pick([30, 180, 365])) });
    const parameters = engine === 'PostgreSQL'
      ? [['log_connections', rng.chance(0.6) ? 'on' : 'off'], ['log_disconnections', rng.chance(0.6) ? 'on' : 'off'], ['log_duration', rng.chance(0.5) ? 'on' : 'off']]
      : [['require_secure_transport', rng.chance(0.3) ? 'ON' : 'OFF'], ['local_infile', 'OFF']];
    g.ok('Rds', 'DescribeParameters', r.region, p, {
      Engine: engine, EngineVersion: version, ConfigParameters: { DBInstanceParameter: [] },
      RunningParameters: { DBInstanceParameter: parameters.map(([ParameterName, ParameterValue]) => ({ ParameterName, ParameterValue, ParameterDescription: '' })) },
    });
    g.ok('Rds', 'DescribeDBInstanceNetInfo', r.region, p, { InstanceNetworkType: 'VPC', DBInstanceNetInfos: { DBInstanceNetInfo: [
      { ConnectionString: `${id(d)}.mysql.rds.aliyuncs.com`, IPAddress: `10.${v % 250}.200.${d % 250}`, IPType: 'Private', Port: '3306', VPCId: g.vpcId(r, v) },
      ...(publicNet ? [{ ConnectionString: `${id(d)}o.mysql.rds.aliyuncs.com`, IPAddress: `47.${120 + r.index}.${(d >> 8) & 255}.${d & 255}`, IPType: 'Public', Port: '3306' }] : []),
    ] } });
    g.ok('Rds', 'DescribeBackupPolicy', r.region, p, {
      BackupRetentionPeriod: rng.pick([7, 7, 14, 30]), PreferredBackupPeriod: rng.chance(0.5) ? 'Monday,Thursday' : 'Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday',
      PreferredBackupTime: '18:00Z-19:00Z', EnableBackupLog: rng.chance(0.7) ? '1' : '0', LogBackupRetentionPeriod: 7, BackupMethod: 'Physical',
    });
  }
}

/** Redis (Tair) instances with whitelists, endpoints and SSL. */
export function emitRedis(g: Generation, r: RegionPlan): void {
  const id = (k: number): string => g.id('r', 'redis', r, k);
  paged(r.redisInstances, 50, (from, to, page) => g.ok('R-kvstore', 'DescribeInstances', r.region, { RegionId: r.region, PageNumber: page, PageSize: 50 }, {
    PageNumber: page, PageSize: 50, TotalCount: r.redisInstances,
    Instances: { KVStoreInstance: range(from, to, (k) => {
      const v = k % r.vpcs;
      return {
        InstanceId: id(k), InstanceName: `cache-${k}`, EngineVersion: g.rng('redis', r.index, k).pick(['5.0', '6.0', '7.0']), InstanceStatus: 'Normal', InstanceType: 'Redis',
        NetworkType: 'VPC', VpcId: g.vpcId(r, v), VSwitchId: g.vSwitchId(r, g.vSwitchInVpc(r, v, k)), RegionId: r.region,
        ConnectionDomain: `${id(k)}.redis.rds.aliyuncs.com`, Port: 6379, PrivateIp: `10.${v % 250}.201.${k % 250}`, ArchitectureType: 'standard', Tags: { Tag: [] },
      };
    }) },
  }));
  for (let k = 0; k < r.redisInstances; k++) {
    const rng = g.rng('redis', r.index, k);
    const p = { RegionId: r.region, InstanceId: id(k) };
    g.ok('R-kvstore', 'DescribeSecurityIps', r.region, p, { SecurityIpGroups: { SecurityIpGroup: [
      { SecurityIpGroupName: 'default', SecurityIpGroupAttribute: '', SecurityIpList: '127.0.0.1' },
      { SecurityIpGroupName: 'app', SecurityIpGroupAttribute: '', SecurityIpList: rng.chance(0.06) ? '10.0.0.0/8,0.0.0.0/0' : g.vpcCidr(k % r.vpcs) },
    ] } });
    g.ok('R-kvstore', 'DescribeDBInstanceNetInfo', r.region, p, { InstanceNetworkType: 'VPC', NetInfoItems: { InstanceNetInfo: [
      { ConnectionString: `${id(k)}.redis.rds.aliyuncs.com`, IPType: 'Private', Port: '6379', DBInstanceNetType: '2' },
      ...(rng.chance(0.1) ? [{ ConnectionString: `${id(k)}pd.redis.rds.aliyuncs.com`, IPType: 'Public', Port: '6379', DBInstanceNetType: '0' }] : []),
    ] } });
    g.ok('R-kvstore', 'DescribeInstanceSSL', r.region, p, { InstanceId: id(k), SSLEnabled: rng.chance(0.4) ? 'Enable' : 'Disable' });
  }
}

/** KMS keys; the region flagged in the plan records Forbidden.KMS for ListKeys. */
export function emitKms(g: Generation, r: RegionPlan): void {
  if (r.kmsListFails) {
    g.fail('Kms', 'ListKeys', r.region, { RegionId: r.region, PageNumber: 1, PageSize: 100 }, 'Forbidden.KMS', 'You are not authorized to operate the KMS resource.');
    return;
  }
  paged(r.kmsKeys, 100, (from, to, page) => g.ok('Kms', 'ListKeys', r.region, { RegionId: r.region, PageNumber: page, PageSize: 100 }, {
    PageNumber: page, PageSize: 100, TotalCount: r.kmsKeys,
    Keys: { Key: range(from, to, (k) => ({ KeyId: g.kmsKeyId(r, k), KeyArn: `acs:kms:${r.region}:${g.accountId}:key/${g.kmsKeyId(r, k)}` })) },
  }));
  for (let k = 0; k < r.kmsKeys; k++) {
    const rng = g.rng('kms', r.index, k);
    const rotation = rng.chance(0.5);
    g.ok('Kms', 'DescribeKey', r.region, { RegionId: r.region, KeyId: g.kmsKeyId(r, k) }, { KeyMetadata: {
      KeyId: g.kmsKeyId(r, k), Arn: `acs:kms:${r.region}:${g.accountId}:key/${g.kmsKeyId(r, k)}`, Description: rng.chance(0.5) ? `key for ${rng.pick(['rds', 'oss', 'ecs'])}` : '',
      KeyState: rng.chance(0.9) ? 'Enabled' : rng.pick(['Disabled', 'PendingDeletion']), KeyUsage: 'ENCRYPT/DECRYPT', KeySpec: rng.pick(['Aliyun_AES_256', 'Aliyun_SM4']),
      Origin: 'Aliyun_KMS', Creator: g.accountId, ProtectionLevel: 'SOFTWARE', AutomaticRotation: rotation ? 'Enabled' : 'Disabled',
      RotationInterval: rotation ? '31536000s' : '', DeletionProtection: rng.chance(0.3) ? 'Enabled' : 'Disabled', CreationDate: rng.date(2020, 2026),
    } });
  }
}

/** Log Service projects with logstores and alert rules (field names as SLS spells them: lower camel case). */
export function emitSls(g: Generation, r: RegionPlan): void {
  g.ok('Sls', 'ListProject', r.region, { offset: 0, size: 500 }, {
    count: r.slsProjects, total: r.slsProjects,
    projects: range(0, r.slsProjects, (s) => ({ projectName: g.slsProjectName(r, s), description: '', region: r.region, status: 'Normal', owner: g.accountId, createTime: '1735689600' })),
  }, false);
  for (let s = 0; s < r.slsProjects; s++) {
    const rng = g.rng('sls', r.index, s);
    const project = g.slsProjectName(r, s);
    const stores = s === 0 ? ['flowlog', 'actiontrail', 'app'] : range(0, rng.int(1, 3), (n) => `store-${n}`);
    g.ok('Sls', 'ListLogStores', r.region, { project }, { count: stores.length, total: stores.length, logstores: stores }, false);
    for (const logstore of stores) {
      g.ok('Sls', 'GetLogStore', r.region, { project, logstore }, {
        logstoreName: logstore, ttl: rng.pick([30, 90, 180, 365, 3650]), shardCount: 2, autoSplit: true, maxSplitShard: 64, appendMeta: true, mode: 'standard',
        encrypt_conf: rng.chance(0.4) ? { enable: true, encrypt_type: 'default' } : { enable: false },
      }, false);
    }
    const alerts = range(0, rng.int(0, 3), (n) => ({
      name: `alert-${n}`, displayName: rng.pick(['Root login', 'Unauthorized API calls', 'RAM policy changed', 'Security group changed']),
      status: rng.chance(0.8) ? 'ENABLED' : 'DISABLED', schedule: { type: 'FixedRate', interval: '5m' },
      configuration: { version: '2.0', type: 'default', queryList: [{ query: '* | select count(1) as c', store: stores[0], storeType: 'log' }] },
    }));
    g.ok('Sls', 'ListAlerts', r.region, { project }, { count: alerts.length, total: alerts.length, results: alerts }, false);
  }
}
