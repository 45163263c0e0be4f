import {
  RESOURCE_TYPES, assetId, type AccessKeyInfo, type AccountConfiguration, type AckClusterConfiguration, type Asset,
  type AttachedPolicyRef, type BucketAcl, type BucketConfiguration, type EcsInstanceConfiguration, type EipConfiguration,
  type ForwardEntry, type Listener, type LoadBalancerConfiguration, type NatGatewayConfiguration, type PolicyDocument,
  type PolicyStatement, type Product, type RamGroupConfiguration, type RamPolicyConfiguration, type RamRoleConfiguration,
  type RamUserConfiguration, type RdsInstanceConfiguration, type RedisInstanceConfiguration, type ResourceTypeKey,
  type SecurityGroupConfiguration, type SecurityGroupProtocol, type SecurityGroupRule, type UnknownData,
  type VSwitchConfiguration, type VpcConfiguration,
} from '@rampart/asset-model';

/** Factories for small inventories: each returns a normalised asset as the importer would produce it. */
export const ACCOUNT = '1234567890123456';
export const REGION = 'cn-hangzhou';

const PRODUCT: Record<ResourceTypeKey, Product> = {
  account: 'RAM', ecsInstance: 'ECS', securityGroup: 'ECS', disk: 'ECS', networkInterface: 'ECS', vpc: 'VPC', vSwitch: 'VPC',
  eip: 'EIP', natGateway: 'VPC', loadBalancer: 'SLB', bucket: 'OSS', ramUser: 'RAM', ramGroup: 'RAM', ramRole: 'RAM',
  ramPolicy: 'RAM', rdsInstance: 'RDS', redisInstance: 'KVSTORE', trail: 'ACTIONTRAIL', kmsKey: 'KMS', slsProject: 'SLS',
  ackCluster: 'ACK', securityCenter: 'SAS', host: 'HOST',
};
const GLOBAL = new Set<ResourceTypeKey>(['account', 'ramUser', 'ramGroup', 'ramRole', 'ramPolicy', 'bucket']);

export function asset<C>(key: ResourceTypeKey, resourceId: string, configuration: C, extra: { name?: string; tags?: Record<string, string>; unknown?: UnknownData[]; accountId?: string } = {}): Asset {
  const accountId = extra.accountId ?? ACCOUNT;
  const region = GLOBAL.has(key) ? null : REGION;
  return {
    id: assetId(key, accountId, region, resourceId), provider: 'ALIBABA_CLOUD', accountId, region, product: PRODUCT[key],
    resourceType: RESOURCE_TYPES[key], resourceId, name: extra.name ?? resourceId, tags: extra.tags ?? {},
    configuration: configuration as Asset['configuration'], relationships: [], unknown: extra.unknown ?? [],
  };
}

/** Marks configuration fields as not collected, as the importer does when an API call failed. */
export function withUnknown(target: Asset, fields: string[], source = 'Ecs:DescribeSecurityGroupAttribute'): Asset {
  return { ...target, unknown: [...target.unknown, { fields, source, error: { code: 'Forbidden.RAM', message: 'not authorised' } }] };
}

export const idOf = (key: ResourceTypeKey, resourceId: string): string => assetId(key, ACCOUNT, GLOBAL.has(key) ? null : REGION, resourceId);

export function account(options: { rootAccessKeys?: Array<{ active: boolean; lastUsed?: string | null }> } = {}): Asset {
  const config: AccountConfiguration = {
    accountId: ACCOUNT, callerArn: null, passwordPolicy: null, securityPreference: null,
    credentialReport: {
      generatedAt: null, users: [],
      root: {
        user: '<root>', userCreationTime: null, userLastLogon: null, passwordExist: true, passwordActive: true,
        passwordLastChanged: null, mfaActive: true,
        accessKeys: (options.rootAccessKeys ?? []).map((k) => ({ active: k.active, lastRotated: null, lastUsed: k.lastUsed ?? null })),
      },
    },
  };
  return asset('account', ACCOUNT, config, { name: `account ${ACCOUNT}` });
}

export function vpc(id: string, cidr = '10.0.0.0/16'): Asset {
  const config: VpcConfiguration = { vpcId: id, cidrBlock: cidr, ipv6CidrBlock: null, isDefault: false, status: 'Available', vSwitchIds: [], flowLogs: [] };
  return asset('vpc', id, config);
}

export function vSwitch(id: string, vpcId: string, cidr: string): Asset {
  const config: VSwitchConfiguration = { vSwitchId: id, vpcId, cidrBlock: cidr, zoneId: 'cn-hangzhou-h' };
  return asset('vSwitch', id, config);
}

/** An ingress rule written as the console shows it: `rule('0.0.0.0/0', 'tcp', '22/22', 'accept', 1)`. */
export function rule(source: string, protocol: SecurityGroupProtocol, portRange: string, policy: 'accept' | 'drop' = 'accept', priority = 1): SecurityGroupRule {
  const [from, to] = portRange.split('/').map(Number);
  const all = protocol === 'all' || from === -1;
  const isGroup = source.startsWith('sg-');
  const ipv6 = source.includes(':');
  return {
    direction: 'ingress', policy, protocol, portFrom: all ? 1 : from, portTo: all ? 65535 : to, portRange,
    sourceCidrIp: isGroup || ipv6 ? null : source, ipv6SourceCidrIp: ipv6 ? source : null, sourceGroupId: isGroup ? source : null,
    sourcePrefixListId: null, destCidrIp: null, priority, nicType: 'intranet', description: null,
  };
}

export function securityGroup(id: string, rules: SecurityGroupRule[], options: { vpcId?: string; innerAccessPolicy?: 'Accept' | 'Drop' | null } = {}): Asset {
  const config: SecurityGroupConfiguration = {
    securityGroupId: id, securityGroupType: 'normal', vpcId: options.vpcId ?? 'vpc-1', description: null, rules,
    innerAccessPolicy: options.innerAccessPolicy === undefined ? 'Drop' : options.innerAccessPolicy,
  };
  return asset('securityGroup', id, config);
}

export function ecs(id: string, options: {
  status?: string; publicIp?: string | null; eip?: string | null; securityGroupIds?: string[]; role?: string | null;
  vpcId?: string; vSwitchId?: string; privateIp?: string; tags?: Record<string, string>;
} = {}): Asset {
  const config: EcsInstanceConfiguration = {
    instanceId: id, status: options.status ?? 'Running', instanceType: 'ecs.g7.large', osType: 'linux', osName: 'Debian 12',
    imageId: null, zoneId: 'cn-hangzhou-h', vpcId: options.vpcId ?? 'vpc-1', vSwitchId: options.vSwitchId ?? 'vsw-1',
    privateIpAddresses: [options.privateIp ?? '10.0.1.10'], publicIpAddresses: options.publicIp ? [options.publicIp] : [],
    eipAddress: options.eip ?? null, eipAllocationId: null, securityGroupIds: options.securityGroupIds ?? ['sg-web'],
    networkInterfaceIds: [], ramRoleName: options.role ?? null, deletionProtection: null, metadataHttpTokens: null, createdAt: null,
  };
  return asset('ecsInstance', id, config, { tags: options.tags });
}

export function eip(id: string, ip: string, instanceId: string, instanceType = 'EcsInstance'): Asset {
  const config: EipConfiguration = { allocationId: id, ipAddress: ip, status: 'InUse', instanceType, instanceId, bandwidthMbps: 5 };
  return asset('eip', id, config);
}

export function statement(effect: 'Allow' | 'Deny', action: string | string[], resource: string | string[] = '*', extra: Partial<PolicyStatement> = {}): PolicyStatement {
  return { Effect: effect, Action: action, Resource: resource, ...extra };
}

export function policy(name: string, statements: PolicyStatement[], type: 'System' | 'Custom' = 'Custom'): { asset: Asset; ref: AttachedPolicyRef } {
  const document: PolicyDocument = { Version: '1', Statement: statements };
  const config: RamPolicyConfiguration = { policyName: name, policyType: type, defaultVersion: 'v1', document, attachmentCount: 1, description: null };
  const created = asset('ramPolicy', `${type}/${name}`, config, { name });
  return { asset: created, ref: { policyName: name, policyType: type, policyId: created.id } };
}

export const trustAccount = (accountId = ACCOUNT): PolicyDocument => ({
  Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${accountId}:root`] } }],
});
export const trustService = (service = 'ecs.aliyuncs.com'): PolicyDocument => ({
  Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: [service] } }],
});

export function role(name: string, options: { trust?: PolicyDocument | null; policies?: AttachedPolicyRef[]; tags?: Record<string, string> } = {}): Asset {
  const config: RamRoleConfiguration = {
    roleName: name, roleId: `3${name.length}00000000${name.length}`, arn: `acs:ram::${ACCOUNT}:role/${name}`,
    trustPolicy: options.trust === undefined ? trustService() : options.trust, maxSessionDuration: 3600,
    attachedPolicies: options.policies ?? [], createDate: null,
  };
  return asset('ramRole', name, config, { tags: options.tags });
}

export function user(name: string, options: { accessKeys?: Array<Partial<AccessKeyInfo>>; policies?: AttachedPolicyRef[]; groups?: string[]; userId?: string } = {}): Asset {
  const config: RamUserConfiguration = {
    userName: name, userId: options.userId ?? `20${name}`, displayName: name, createDate: null, lastLoginDate: null,
    loginProfile: null, mfaDevice: null,
    accessKeys: (options.accessKeys ?? []).map((k, i) => ({
      accessKeyId: k.accessKeyId ?? `LTAI${name}${i}`, status: k.status ?? 'Active', createDate: k.createDate ?? null,
      lastUsedDate: k.lastUsedDate === undefined ? new Date().toISOString() : k.lastUsedDate,
    })),
    groups: options.groups ?? [], attachedPolicies: options.policies ?? [],
  };
  return asset('ramUser', name, config);
}

export function group(name: string, policies: AttachedPolicyRef[]): Asset {
  const config: RamGroupConfiguration = { groupName: name, comments: null, attachedPolicies: policies };
  return asset('ramGroup', name, config);
}

export function bucket(name: string, options: { acl?: BucketAcl; policy?: PolicyStatement[] | null; tags?: Record<string, string>; blockPublicAccess?: boolean } = {}): Asset {
  const config: BucketConfiguration = {
    bucketName: name, location: 'oss-cn-hangzhou', storageClass: 'Standard', creationDate: null, acl: options.acl ?? 'private',
    policy: options.policy ? { Version: '1', Statement: options.policy } : null,
    logging: { enabled: false, targetBucket: null, targetPrefix: null }, encryption: { algorithm: null, kmsMasterKeyId: null },
    versioning: null, blockPublicAccess: options.blockPublicAccess ?? false,
  };
  return asset('bucket', name, config, { tags: options.tags });
}

export const SENSITIVE = { 'data-classification': 'confidential' };

export function rds(id: string, options: { publicConnection?: boolean; whitelist?: string[]; vpcId?: string; tags?: Record<string, string>; status?: string } = {}): Asset {
  const config: RdsInstanceConfiguration = {
    dbInstanceId: id, engine: 'MySQL', engineVersion: '8.0', status: options.status ?? 'Running', instanceNetworkType: 'VPC',
    vpcId: options.vpcId ?? 'vpc-1', vSwitchId: 'vsw-db',
    netInfo: [
      { connectionString: `${id}.mysql.rds.aliyuncs.com`, ipAddress: '10.0.9.9', ipType: 'Private', port: 3306 },
      ...(options.publicConnection ? [{ connectionString: `${id}pub.mysql.rds.aliyuncs.com`, ipAddress: '47.1.1.1', ipType: 'Public', port: 3306 }] : []),
    ],
    publicConnection: options.publicConnection ?? false,
    whitelistGroups: [{ name: 'default', attribute: null, ipType: 'IPv4', entries: options.whitelist ?? ['127.0.0.1'] }],
    ssl: { enabled: true, forceEncryption: false, expireTime: null }, tde: { status: 'Disabled', encryptionKey: null, byok: false },
    sqlCollector: { status: 'Disabled', retentionDays: null }, parameters: {},
    backup: { backupRetentionPeriod: 7, preferredBackupPeriod: [], enableBackupLog: true, logBackupRetentionPeriod: 7 },
  };
  return asset('rdsInstance', id, config, { tags: options.tags });
}

export function redis(id: string, options: { publicConnection?: boolean; whitelist?: string[]; vpcId?: string; tags?: Record<string, string> } = {}): Asset {
  const config: RedisInstanceConfiguration = {
    instanceId: id, engineVersion: '7.0', status: 'Normal', networkType: 'VPC', vpcId: options.vpcId ?? 'vpc-1', vSwitchId: 'vsw-db',
    connectionDomain: `${id}.redis.rds.aliyuncs.com`, publicConnection: options.publicConnection ?? false,
    whitelistGroups: [{ name: 'default', attribute: null, ipType: 'IPv4', entries: options.whitelist ?? ['127.0.0.1'] }], sslEnabled: false,
  };
  return asset('redisInstance', id, config, { tags: options.tags });
}

export function listener(port: number, options: Partial<Listener> = {}): Listener {
  return {
    port, protocol: 'http', status: 'running', backendPort: port, aclStatus: 'off', aclType: null, aclId: null, aclEntries: [], ...options,
  };
}

export function loadBalancer(id: string, listeners: Listener[], backends: Array<{ instanceId: string; port?: number }>, addressType: 'internet' | 'intranet' = 'internet'): Asset {
  const config: LoadBalancerConfiguration = {
    loadBalancerId: id, addressType, address: '47.2.2.2', status: 'active', vpcId: 'vpc-1', vSwitchId: 'vsw-1', deleteProtection: null,
    listeners, backendServers: backends.map((b) => ({ serverId: b.instanceId, type: 'ecs', port: b.port ?? null, weight: 100 })),
  };
  return asset('loadBalancer', id, config);
}

export function natGateway(id: string, entries: Array<Partial<ForwardEntry> & { internalIp: string }>, vpcId = 'vpc-1'): Asset {
  const config: NatGatewayConfiguration = {
    natGatewayId: id, vpcId, natType: 'Enhanced', publicIpAddresses: ['47.3.3.3'],
    forwardEntries: entries.map((e, i) => ({
      forwardEntryId: `fwd-${i}`, externalIp: '47.3.3.3', externalPort: '2222', internalPort: '22', protocol: 'tcp', status: 'Available', ...e,
    })),
  };
  return asset('natGateway', id, config);
}

export function ackCluster(id: string, options: { apiServerPublic?: boolean } = {}): Asset {
  const config: AckClusterConfiguration = {
    clusterId: id, clusterType: 'ManagedKubernetes', state: 'running', currentVersion: '1.30', vpcId: 'vpc-1', securityGroupId: 'sg-ack',
    apiServerEndpoint: options.apiServerPublic ? 'https://47.4.4.4:6443' : null, apiServerPublic: options.apiServerPublic ?? false,
    dashboardEnabled: false, networkPlugin: 'terway', addons: [], auditProjectName: null, rbacEnabled: true, basicAuthEnabled: false,
    cloudMonitorEnabled: null, logServiceEnabled: null, networkPolicyEnabled: null, privateZone: null, lastClusterCheckAt: null, deletionProtection: null,
  };
  return asset('ackCluster', id, config);
}

/** The web tier most scenarios start from: a running instance with a public IP and SSH open to the world. */
export function exposedWebServer(options: { role?: string | null; id?: string; rules?: SecurityGroupRule[]; status?: string } = {}): Asset[] {
  const id = options.id ?? 'i-web';
  return [
    securityGroup('sg-web', options.rules ?? [rule('0.0.0.0/0', 'tcp', '22/22', 'accept', 1)]),
    ecs(id, { publicIp: '47.0.0.10', role: options.role === undefined ? 'web-role' : options.role, status: options.status }),
  ];
}
