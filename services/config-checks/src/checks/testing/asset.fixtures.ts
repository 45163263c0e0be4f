import {
  assetId, RESOURCE_TYPES,
  type Asset, type Product, type Relationship, type ResourceTypeKey, type SecurityGroupRule, type UnknownData,
} from '@rampart/asset-model';
import type { AssetOf, ConfigByKind } from '../model/evaluation-context.definition';

export const FIXTURE_ACCOUNT = '1234567890123456';
export const FIXTURE_REGION = 'cn-hangzhou';
export const FIXTURE_NOW = '2026-11-28T00:00:00Z';

const PRODUCT_OF: Record<ResourceTypeKey, Product> = {
  account: 'RAM', ecsInstance: 'ECS', securityGroup: 'ECS', disk: 'ECS', networkInterface: 'ECS', vpc: 'VPC',
  vSwitch: 'VPC', eip: 'EIP', natGateway: 'VPC', loadBalancer: 'SLB', bucket: 'OSS', ramUser: 'RAM', ramGroup: 'RAM',
  ramRole: 'RAM', ramPolicy: 'RAM', rdsInstance: 'RDS', redisInstance: 'KVSTORE', trail: 'ACTIONTRAIL', kmsKey: 'KMS',
  slsProject: 'SLS', ackCluster: 'ACK', securityCenter: 'SAS', host: 'HOST',
};
const GLOBAL: ReadonlySet<ResourceTypeKey> = new Set(['account', 'ramUser', 'ramGroup', 'ramRole', 'ramPolicy', 'securityCenter']);

export interface AssetExtra {
  readonly accountId?: string;
  readonly region?: string | null;
  readonly name?: string;
  readonly tags?: Record<string, string>;
  readonly relationships?: Relationship[];
  readonly unknown?: UnknownData[];
}

type Overrides<C> = { [K in keyof C]?: C[K] };

function build<K extends ResourceTypeKey>(kind: K, resourceId: string, configuration: ConfigByKind[K], extra: AssetExtra = {}): AssetOf<K> {
  const accountId = extra.accountId ?? FIXTURE_ACCOUNT;
  const region = extra.region !== undefined ? extra.region : GLOBAL.has(kind) ? null : FIXTURE_REGION;
  return {
    id: assetId(kind, accountId, region, resourceId),
    provider: 'ALIBABA_CLOUD',
    accountId,
    region,
    product: PRODUCT_OF[kind],
    resourceType: RESOURCE_TYPES[kind],
    resourceId,
    name: extra.name ?? resourceId,
    tags: extra.tags ?? {},
    configuration,
    relationships: extra.relationships ?? [],
    unknown: extra.unknown ?? [],
  };
}

/**
 * Normalised assets for specs and the benchmark. Defaults describe a well-configured resource, so a fixture states
 * only the fields that matter to the behaviour under test.
 */
export const assetFixtures = {
  unknown(fields: string[], source: string, code = 'Forbidden.RAM'): UnknownData {
    return { fields, source, error: { code, message: `You are not authorized to do ${source}` } };
  },

  rule(overrides: Overrides<SecurityGroupRule> = {}): SecurityGroupRule {
    return {
      direction: 'ingress', policy: 'accept', protocol: 'tcp', portFrom: 443, portTo: 443, portRange: '443/443',
      sourceCidrIp: '0.0.0.0/0', ipv6SourceCidrIp: null, sourceGroupId: null, sourcePrefixListId: null, destCidrIp: null,
      priority: 1, nicType: 'intranet', description: null,
      ...overrides,
      ...(overrides.portRange === undefined && (overrides.portFrom !== undefined || overrides.portTo !== undefined)
        ? { portRange: `${overrides.portFrom ?? 443}/${overrides.portTo ?? overrides.portFrom ?? 443}` }
        : {}),
    };
  },

  account(c: Overrides<ConfigByKind['account']> = {}, extra?: AssetExtra): AssetOf<'account'> {
    const accountId = extra?.accountId ?? FIXTURE_ACCOUNT;
    return build('account', accountId, {
      accountId, callerArn: `acs:ram::${accountId}:user/auditor`,
      passwordPolicy: {
        minimumPasswordLength: 14, requireLowercaseCharacters: true, requireUppercaseCharacters: true, requireNumbers: true,
        requireSymbols: true, passwordReusePrevention: 5, maxPasswordAge: 365, hardExpiry: false, maxLoginAttempts: 5,
      },
      securityPreference: {
        enforceMfaForLogin: true, allowUserToChangePassword: true, allowUserToManageAccessKeys: false,
        allowUserToManageMfaDevices: true, loginSessionDuration: 6, loginNetworkMasks: '10.0.0.0/8',
      },
      credentialReport: {
        generatedAt: '2026-11-27T00:00:00Z',
        root: {
          user: '<root>', userCreationTime: '2020-01-01T00:00:00Z', userLastLogon: '2025-01-01T00:00:00Z',
          passwordExist: true, passwordActive: true, passwordLastChanged: '2025-01-01T00:00:00Z', mfaActive: true,
          accessKeys: [],
        },
        users: [],
      },
      ...c,
    }, extra);
  },

  ecsInstance(c: Overrides<ConfigByKind['ecsInstance']> = {}, extra?: AssetExtra): AssetOf<'ecsInstance'> {
    const instanceId = c.instanceId ?? 'i-web1';
    return build('ecsInstance', instanceId, {
      instanceId, status: 'Running', instanceType: 'ecs.g7.large', osType: 'linux', osName: 'Debian 12', imageId: 'debian_12',
      zoneId: 'cn-hangzhou-h', vpcId: 'vpc-1', vSwitchId: 'vsw-1', privateIpAddresses: ['10.0.0.10'], publicIpAddresses: [],
      eipAddress: null, eipAllocationId: null, securityGroupIds: ['sg-1'], networkInterfaceIds: ['eni-1'], ramRoleName: null,
      deletionProtection: true, metadataHttpTokens: 'required', createdAt: '2025-01-01T00:00:00Z', ...c,
    }, extra);
  },

  securityGroup(c: Overrides<ConfigByKind['securityGroup']> = {}, extra?: AssetExtra): AssetOf<'securityGroup'> {
    const securityGroupId = c.securityGroupId ?? 'sg-1';
    return build('securityGroup', securityGroupId, {
      securityGroupId, securityGroupType: 'normal', vpcId: 'vpc-1', description: null, rules: [], innerAccessPolicy: 'Accept', ...c,
    }, extra);
  },

  disk(c: Overrides<ConfigByKind['disk']> = {}, extra?: AssetExtra): AssetOf<'disk'> {
    const diskId = c.diskId ?? 'd-1';
    return build('disk', diskId, {
      diskId, instanceId: 'i-web1', type: 'data', category: 'cloud_essd', status: 'In_use', encrypted: true,
      kmsKeyId: 'key-1', sizeGiB: 100, ...c,
    }, extra);
  },

  networkInterface(c: Overrides<ConfigByKind['networkInterface']> = {}, extra?: AssetExtra): AssetOf<'networkInterface'> {
    const networkInterfaceId = c.networkInterfaceId ?? 'eni-1';
    return build('networkInterface', networkInterfaceId, {
      networkInterfaceId, instanceId: 'i-web1', type: 'Secondary', status: 'InUse', vpcId: 'vpc-1', vSwitchId: 'vsw-1',
      securityGroupIds: ['sg-1'], privateIpAddresses: ['10.0.0.11'], publicIpAddress: null, ...c,
    }, extra);
  },

  vpc(c: Overrides<ConfigByKind['vpc']> = {}, extra?: AssetExtra): AssetOf<'vpc'> {
    const vpcId = c.vpcId ?? 'vpc-1';
    return build('vpc', vpcId, {
      vpcId, cidrBlock: '10.0.0.0/16', ipv6CidrBlock: null, isDefault: false, status: 'Available', vSwitchIds: ['vsw-1'],
      flowLogs: [{
        flowLogId: 'fl-1', resourceType: 'VPC', resourceId: vpcId, status: 'Active', trafficType: 'All',
        projectName: 'flowlogs', logStoreName: 'vpc',
      }],
      ...c,
    }, extra);
  },

  eip(c: Overrides<ConfigByKind['eip']> = {}, extra?: AssetExtra): AssetOf<'eip'> {
    const allocationId = c.allocationId ?? 'eip-1';
    return build('eip', allocationId, {
      allocationId, ipAddress: '47.1.2.3', status: 'InUse', instanceType: 'EcsInstance', instanceId: 'i-web1', bandwidthMbps: 5, ...c,
    }, extra);
  },

  natGateway(c: Overrides<ConfigByKind['natGateway']> = {}, extra?: AssetExtra): AssetOf<'natGateway'> {
    const natGatewayId = c.natGatewayId ?? 'ngw-1';
    return build('natGateway', natGatewayId, {
      natGatewayId, vpcId: 'vpc-1', natType: 'Enhanced', publicIpAddresses: ['47.1.2.4'], forwardEntries: [], ...c,
    }, extra);
  },

  loadBalancer(c: Overrides<ConfigByKind['loadBalancer']> = {}, extra?: AssetExtra): AssetOf<'loadBalancer'> {
    const loadBalancerId = c.loadBalancerId ?? 'lb-1';
    return build('loadBalancer', loadBalancerId, {
      loadBalancerId, addressType: 'internet', address: '47.1.2.5', status: 'active', vpcId: 'vpc-1', vSwitchId: 'vsw-1',
      deleteProtection: true,
      listeners: [{
        port: 443, protocol: 'https', status: 'running', backendPort: 8443, aclStatus: 'on', aclType: 'white', aclId: 'acl-1',
        aclEntries: [{ cidr: '203.0.113.0/24', comment: 'office' }],
      }],
      backendServers: [], ...c,
    }, extra);
  },

  bucket(c: Overrides<ConfigByKind['bucket']> = {}, extra?: AssetExtra): AssetOf<'bucket'> {
    const bucketName = c.bucketName ?? 'app-data';
    return build('bucket', bucketName, {
      bucketName, location: 'oss-cn-hangzhou', storageClass: 'Standard', creationDate: '2025-01-01T00:00:00Z', acl: 'private',
      policy: null, logging: { enabled: true, targetBucket: 'access-logs', targetPrefix: `${bucketName}/` },
      encryption: { algorithm: 'KMS', kmsMasterKeyId: null }, versioning: 'Enabled', blockPublicAccess: true, ...c,
    }, extra);
  },

  ramUser(c: Overrides<ConfigByKind['ramUser']> = {}, extra?: AssetExtra): AssetOf<'ramUser'> {
    const userName = c.userName ?? 'alice';
    return build('ramUser', userName, {
      userName, userId: `2${userName.length}00000000000`, displayName: userName, createDate: '2025-01-01T00:00:00Z',
      lastLoginDate: '2026-11-20T00:00:00Z', loginProfile: { mfaBindRequired: true, passwordResetRequired: false, createDate: '2025-01-01T00:00:00Z' },
      mfaDevice: { serialNumber: `acs:ram::${FIXTURE_ACCOUNT}:mfa/${userName}`, activatedAt: '2025-01-01T00:00:00Z' },
      accessKeys: [], groups: ['developers'], attachedPolicies: [], ...c,
    }, extra);
  },

  ramRole(c: Overrides<ConfigByKind['ramRole']> = {}, extra?: AssetExtra): AssetOf<'ramRole'> {
    const roleName = c.roleName ?? 'app-role';
    return build('ramRole', roleName, {
      roleName, roleId: '300000000001', arn: `acs:ram::${FIXTURE_ACCOUNT}:role/${roleName}`,
      trustPolicy: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: ['ecs.aliyuncs.com'] } }] },
      maxSessionDuration: 3600, attachedPolicies: [], createDate: '2025-01-01T00:00:00Z', ...c,
    }, extra);
  },

  ramPolicy(c: Overrides<ConfigByKind['ramPolicy']> = {}, extra?: AssetExtra): AssetOf<'ramPolicy'> {
    const policyName = c.policyName ?? 'read-logs';
    return build('ramPolicy', policyName, {
      policyName, policyType: 'Custom', defaultVersion: 'v1',
      document: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['log:Get*', 'log:List*'], Resource: '*' }] },
      attachmentCount: 1, description: null, ...c,
    }, extra);
  },

  rdsInstance(c: Overrides<ConfigByKind['rdsInstance']> = {}, extra?: AssetExtra): AssetOf<'rdsInstance'> {
    const dbInstanceId = c.dbInstanceId ?? 'rm-1';
    return build('rdsInstance', dbInstanceId, {
      dbInstanceId, engine: 'MySQL', engineVersion: '8.0', status: 'Running', instanceNetworkType: 'VPC', vpcId: 'vpc-1',
      vSwitchId: 'vsw-1',
      netInfo: [{ connectionString: `${dbInstanceId}.mysql.rds.aliyuncs.com`, ipAddress: '10.0.0.20', ipType: 'Private', port: 3306 }],
      publicConnection: false,
      whitelistGroups: [{ name: 'default', attribute: null, ipType: 'IPv4', entries: ['10.0.0.0/16'] }],
      ssl: { enabled: true, forceEncryption: true, expireTime: '2027-11-28T00:00:00Z' },
      tde: { status: 'Enabled', encryptionKey: 'key-byok', byok: true },
      sqlCollector: { status: 'Enable', retentionDays: 365 },
      parameters: {},
      backup: { backupRetentionPeriod: 7, preferredBackupPeriod: ['Monday', 'Thursday'], enableBackupLog: true, logBackupRetentionPeriod: 7 },
      ...c,
    }, extra);
  },

  redisInstance(c: Overrides<ConfigByKind['redisInstance']> = {}, extra?: AssetExtra): AssetOf<'redisInstance'> {
    const instanceId = c.instanceId ?? 'r-1';
    return build('redisInstance', instanceId, {
      instanceId, engineVersion: '7.0', status: 'Normal', networkType: 'VPC', vpcId: 'vpc-1', vSwitchId: 'vsw-1',
      connectionDomain: `${instanceId}.redis.rds.aliyuncs.com`, publicConnection: false,
      whitelistGroups: [{ name: 'default', attribute: null, ipType: 'IPv4', entries: ['10.0.0.0/16'] }], sslEnabled: true, ...c,
    }, extra);
  },

  trail(c: Overrides<ConfigByKind['trail']> = {}, extra?: AssetExtra): AssetOf<'trail'> {
    const name = c.name ?? 'org-trail';
    return build('trail', name, {
      name, status: 'Enable', homeRegion: FIXTURE_REGION, trailRegion: 'All', eventRW: 'All', ossBucketName: 'audit-logs',
      ossKeyPrefix: 'actiontrail', slsProjectArn: `acs:log:${FIXTURE_REGION}:${FIXTURE_ACCOUNT}:project/audit`,
      slsWriteRoleArn: `acs:ram::${FIXTURE_ACCOUNT}:role/aliyunactiontraildefaultrole`, isOrganizationTrail: false, ...c,
    }, extra);
  },

  kmsKey(c: Overrides<ConfigByKind['kmsKey']> = {}, extra?: AssetExtra): AssetOf<'kmsKey'> {
    const keyId = c.keyId ?? 'key-byok';
    return build('kmsKey', keyId, {
      keyId, keyState: 'Enabled', keyUsage: 'ENCRYPT/DECRYPT', keySpec: 'Aliyun_AES_256', origin: 'Aliyun_KMS',
      creator: FIXTURE_ACCOUNT, automaticRotation: 'Enabled', rotationInterval: '31536000s', deletionProtection: true,
      creationDate: '2025-01-01T00:00:00Z', ...c,
    }, extra);
  },

  slsProject(c: Overrides<ConfigByKind['slsProject']> = {}, extra?: AssetExtra): AssetOf<'slsProject'> {
    const projectName = c.projectName ?? 'audit';
    return build('slsProject', projectName, {
      projectName, description: null, logStores: [{ name: 'actiontrail_audit', ttlDays: 365, encrypted: true }], alerts: [], ...c,
    }, extra);
  },

  ackCluster(c: Overrides<ConfigByKind['ackCluster']> = {}, extra?: AssetExtra): AssetOf<'ackCluster'> {
    const clusterId = c.clusterId ?? 'c-1';
    return build('ackCluster', clusterId, {
      clusterId, clusterType: 'ManagedKubernetes', state: 'running', currentVersion: '1.30.1-aliyun.1', vpcId: 'vpc-1',
      securityGroupId: 'sg-ack', apiServerEndpoint: 'https://10.0.0.30:6443', apiServerPublic: false, dashboardEnabled: false,
      networkPlugin: 'terway',
      addons: [{ name: 'terway-eniip', disabled: false, config: { NetworkPolicy: 'true', IPVlan: 'true' } }],
      auditProjectName: 'k8s-audit', rbacEnabled: true, basicAuthEnabled: false, cloudMonitorEnabled: true,
      logServiceEnabled: true, networkPolicyEnabled: true, privateZone: false, lastClusterCheckAt: '2026-11-25T00:00:00Z',
      deletionProtection: true, ...c,
    }, extra);
  },

  securityCenter(c: Overrides<ConfigByKind['securityCenter']> = {}, extra?: AssetExtra): AssetOf<'securityCenter'> {
    return build('securityCenter', extra?.accountId ?? FIXTURE_ACCOUNT, {
      versionCode: 3, edition: 'Enterprise', agents: [{ instanceId: 'i-web1', clientStatus: 'online' }],
      unfixedVulnerabilities: [],
      notices: ['sas_vulnerability', 'yundun_sas_vul_Emergency', 'sas_healthcheck', 'sas_suspicious', 'suspicious', 'remotelogin', 'webshell', 'bruteforcesuccess', 'yundun_sas_ak_leakage']
        .map((project) => ({ project, route: 7 })),
      vulScanEnabled: true, ...c,
    }, extra);
  },

  /** Any asset with some fields marked as not collected. */
  withUnknown<A extends Asset>(asset: A, fields: string[], source: string): A {
    return { ...asset, unknown: [...asset.unknown, assetFixtures.unknown(fields, source)] };
  },
};
