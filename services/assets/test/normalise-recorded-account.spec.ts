import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  AccountConfiguration, AckClusterConfiguration, BucketConfiguration, DiskConfiguration, EcsInstanceConfiguration,
  EipConfiguration, KmsKeyConfiguration, LoadBalancerConfiguration, NatGatewayConfiguration, NetworkInterfaceConfiguration,
  RamGroupConfiguration, RamPolicyConfiguration, RamRoleConfiguration, RamUserConfiguration, RdsInstanceConfiguration,
  RedisInstanceConfiguration, SecurityCenterConfiguration, SecurityGroupConfiguration, SlsProjectConfiguration,
  TrailConfiguration, VpcConfiguration, VSwitchConfiguration,
} from '@rampart/asset-model';
import { isFieldUnknown } from '@rampart/asset-model';
import { normaliseSnapshot, type NormalisedInventory } from '../src/inventory/normalise-snapshot';
import { parseSnapshot } from '../src/inventory/validate-snapshot';
import { ACCOUNT, assetOf, idOf } from './factories/snapshot.factory';

const FIXTURE = join(__dirname, 'fixtures/recorded-account.snapshot.json');
const HZ = 'cn-hangzhou';

/** Every action the assets issue names, as "Product:Action". */
const ISSUE_ACTIONS = [
  'Ecs:DescribeInstances', 'Ecs:DescribeInstanceRamRole', 'Ecs:DescribeSecurityGroups', 'Ecs:DescribeSecurityGroupAttribute',
  'Ecs:DescribeDisks', 'Ecs:DescribeNetworkInterfaces', 'Vpc:DescribeVpcs', 'Vpc:DescribeVSwitches', 'Vpc:DescribeEipAddresses',
  'Vpc:DescribeFlowLogs', 'Vpc:DescribeNatGateways', 'Vpc:DescribeForwardTableEntries', 'Slb:DescribeLoadBalancers',
  'Slb:DescribeLoadBalancerAttribute', 'Slb:DescribeLoadBalancerListeners', 'Slb:DescribeAccessControlListAttribute',
  'Oss:ListBuckets', 'Oss:GetBucketInfo', 'Oss:GetBucketAcl', 'Oss:GetBucketPolicy', 'Oss:GetBucketLogging',
  'Oss:GetBucketEncryption', 'Oss:GetBucketVersioning', 'Ram:ListUsers', 'Ram:GetUser', 'Ram:GetLoginProfile',
  'Ram:ListVirtualMFADevices', 'Ram:ListAccessKeys', 'Ram:ListGroups', 'Ram:ListGroupsForUser', 'Ram:ListRoles', 'Ram:GetRole',
  'Ram:ListPolicies', 'Ram:GetPolicy', 'Ram:GetPolicyVersion', 'Ram:ListPoliciesForUser', 'Ram:ListPoliciesForGroup',
  'Ram:ListPoliciesForRole', 'Ram:GetPasswordPolicy', 'Ram:GetSecurityPreference', 'Ims:GetCredentialReport',
  'Sts:GetCallerIdentity', 'Rds:DescribeDBInstances', 'Rds:DescribeDBInstanceAttribute', 'Rds:DescribeDBInstanceIPArrayList',
  'Rds:DescribeDBInstanceSSL', 'Rds:DescribeDBInstanceTDE', 'Rds:DescribeSQLCollectorPolicy', 'Rds:DescribeSQLCollectorRetention',
  'Rds:DescribeParameters', 'Rds:DescribeDBInstanceNetInfo', 'Rds:DescribeBackupPolicy', 'R-kvstore:DescribeInstances',
  'R-kvstore:DescribeSecurityIps', 'Actiontrail:DescribeTrails', 'Kms:ListKeys', 'Kms:DescribeKey', 'Sls:ListProject',
  'Sls:ListLogStores', 'Sls:GetLogStore', 'Sls:ListAlerts', 'Cs:DescribeClustersV1', 'Cs:DescribeClusterDetail',
  'Sas:DescribeVersionConfig', 'Sas:DescribeCloudCenterInstances', 'Sas:DescribeVulList', 'Sas:DescribeNoticeConfig',
];

const ecs = (kind: string, id: string): string => idOf('ecs', HZ, kind, id);
const vpc = (kind: string, id: string): string => idOf('vpc', HZ, kind, id);
const ram = (kind: string, id: string): string => idOf('ram', null, kind, id);

const WEB = 'i-bp1web01a8xq2k5m3n7z';
const APP = 'i-bp1app01c3v4b5n6m7q8';
const WIN = 'i-bp1win01v1b2n3m4q5w6';
const VPC_ID = 'vpc-bp1prod7k2hx0q3w5e8r';
const SG_WEB = 'sg-bp1web9d8f7g6h5j4k3l';
const SG_APP = 'sg-bp1app4r5t6y7u8i9o0p';
const KEY = 'key-hzz62f1c8b9q0w1e2r3t4';

describe('normalising the recorded account snapshot', () => {
  const text = readFileSync(FIXTURE, 'utf8');
  let result: NormalisedInventory;
  beforeAll(() => {
    result = normaliseSnapshot(parseSnapshot(text));
  });

  it('records every action of the issue at least once', () => {
    const recorded = new Set((JSON.parse(text) as { calls: Array<{ product: string; action: string }> }).calls.map((c) => `${c.product}:${c.action}`));
    expect(ISSUE_ACTIONS.filter((a) => !recorded.has(a))).toEqual([]);
  });

  it('lists exactly the assets the account has, one per resource, with deterministic ids', () => {
    expect(result.accountId).toBe(ACCOUNT);
    expect(result.assets.map((a) => a.id).sort()).toEqual([
      idOf('actiontrail', HZ, 'trail', 'account-trail'),
      idOf('cs', HZ, 'cluster', 'c7f1e2d3a4b5c6d7e8f9a0b1c2d3e4f5a'),
      ecs('disk', 'd-bp1app01sys9c8v7b6n5'), ecs('disk', 'd-bp1orphan2m3n4b5v6c7'), ecs('disk', 'd-bp1web01sys4k5l6z7x8'),
      ecs('eni', 'eni-bp1app01a1s2d3f4g5h'), ecs('eni', 'eni-bp1app02j6k7l8z9x0c'), ecs('eni', 'eni-bp1web01q2w3e4r5t6y'),
      ecs('instance', APP), ecs('instance', WEB), ecs('instance', WIN),
      ecs('securitygroup', SG_APP), ecs('securitygroup', 'sg-bp1mgmt1a2s3d4f5g6h7'), ecs('securitygroup', SG_WEB),
      idOf('kms', HZ, 'key', KEY), idOf('kms', HZ, 'key', 'key-hzz7a9b8c7d6e5f4g3h2j'),
      idOf('kvstore', HZ, 'instance', 'r-bp1cache7u8i9o0p1a2'),
      idOf('log', HZ, 'project', 'rampart-audit'), idOf('log', HZ, 'project', 'vpc-flowlogs-hz'),
      idOf('oss', null, 'bucket', 'rampart-backup-sh'), idOf('oss', null, 'bucket', 'rampart-prod-logs'), idOf('oss', null, 'bucket', 'rampart-public-assets'),
      ram('account', ACCOUNT), ram('group', 'admins'), ram('group', 'developers'),
      ram('policy', 'LegacyFullAccess'), ram('policy', 'OssLogsWriter'),
      ram('policy', 'system/AdministratorAccess'), ram('policy', 'system/AliyunOSSFullAccess'), ram('policy', 'system/ReadOnlyAccess'),
      ram('role', 'CrossAccountAuditRole'), ram('role', 'EcsAppRole'), ram('user', 'alice'), ram('user', 'bob'), ram('user', 'ci-deploy'),
      idOf('rds', HZ, 'dbinstance', 'rm-bp1analytics1q2w3e'), idOf('rds', HZ, 'dbinstance', 'rm-bp1orders6y7u8i9o0p'),
      idOf('sas', null, 'instance', ACCOUNT),
      idOf('slb', HZ, 'loadbalancer', 'lb-bp1intern9o8i7u6y5t4'), idOf('slb', HZ, 'loadbalancer', 'lb-bp1public3e4r5t6y7u8'),
      vpc('eip', 'eip-bp1nat01m1n2b3v4c5x'), vpc('eip', 'eip-bp1slb01q9w8e7r6t5y'), vpc('eip', 'eip-bp1web01z9x8c7v6b5n'),
      vpc('natgateway', 'ngw-bp1prod0o9i8u7y6t5r'), vpc('vpc', VPC_ID), vpc('vswitch', 'vsw-bp1app2g4h6j8k0l1z3'), vpc('vswitch', 'vsw-bp1web5h3k2j9x0c1v4'),
    ].sort());
    expect(normaliseSnapshot(parseSnapshot(text))).toEqual(result);
  });

  it('keeps the unknown DescribeRegions call and reports it', () => {
    expect(result.unknownActions).toEqual([{ index: 1, product: 'Ecs', action: 'DescribeRegions' }]);
  });

  it('reports the failed DescribeInstances of cn-shanghai as incomplete inventory on the account', () => {
    const gap = { source: 'Ecs:DescribeInstances', region: 'cn-shanghai', error: { code: 'Forbidden.RAM', message: expect.stringContaining('not authorized') } };
    expect(result.incomplete).toEqual([gap]);
    const account = assetOf<AccountConfiguration>(result, ram('account', ACCOUNT));
    expect(account.configuration.inventoryIncomplete).toEqual([gap]);
    expect(account.unknown).toEqual([{ fields: ['inventoryIncomplete'], source: 'Ecs:DescribeInstances', error: gap.error }]);
  });

  describe('ECS', () => {
    it('links an instance to its VPC, VSwitch, security group, ENI, disk and EIP', () => {
      const web = assetOf<EcsInstanceConfiguration>(result, ecs('instance', WEB));
      expect(web).toMatchObject({ provider: 'ALIBABA_CLOUD', accountId: ACCOUNT, region: HZ, product: 'ECS', resourceType: 'ALIYUN::ECS::Instance', name: 'web-01', tags: { env: 'prod', app: 'storefront' } });
      expect(web.configuration).toEqual({
        instanceId: WEB, status: 'Running', instanceType: 'ecs.g7.large', osType: 'linux', osName: 'Alibaba Cloud Linux  3.2104 LTS 64位',
        imageId: 'aliyun_3_x64_20G_alibase_20250117.vhd', zoneId: 'cn-hangzhou-h', vpcId: VPC_ID, vSwitchId: 'vsw-bp1web5h3k2j9x0c1v4',
        privateIpAddresses: ['172.16.1.10'], publicIpAddresses: [], eipAddress: '47.96.10.20', eipAllocationId: 'eip-bp1web01z9x8c7v6b5n',
        securityGroupIds: [SG_WEB], networkInterfaceIds: ['eni-bp1web01q2w3e4r5t6y'], ramRoleName: null, deletionProtection: false,
        metadataHttpTokens: 'optional', createdAt: '2025-03-02T08:15Z', securityCenterAgent: { clientStatus: 'online' },
      });
      expect(web.relationships).toEqual([
        { type: 'IN_VPC', targetId: vpc('vpc', VPC_ID) },
        { type: 'IN_VSWITCH', targetId: vpc('vswitch', 'vsw-bp1web5h3k2j9x0c1v4') },
        { type: 'MEMBER_OF_SG', targetId: ecs('securitygroup', SG_WEB) },
        { type: 'HAS_ENI', targetId: ecs('eni', 'eni-bp1web01q2w3e4r5t6y') },
        { type: 'HAS_DISK', targetId: ecs('disk', 'd-bp1web01sys4k5l6z7x8') },
        { type: 'ASSOCIATED_WITH', targetId: vpc('eip', 'eip-bp1web01z9x8c7v6b5n') },
      ]);
      expect(web.unknown).toEqual([]);
    });

    it('attaches the instance RAM role and the secondary ENI reported only by DescribeNetworkInterfaces', () => {
      const app = assetOf<EcsInstanceConfiguration>(result, ecs('instance', APP));
      expect(app.configuration.ramRoleName).toBe('EcsAppRole');
      expect(app.configuration.networkInterfaceIds).toEqual(['eni-bp1app01a1s2d3f4g5h', 'eni-bp1app02j6k7l8z9x0c']);
      expect(app.configuration.securityCenterAgent).toEqual({ clientStatus: 'offline' });
      expect(app.relationships).toContainEqual({ type: 'HAS_INSTANCE_ROLE', targetId: ram('role', 'EcsAppRole') });
      expect(app.relationships).toContainEqual({ type: 'HAS_ENI', targetId: ecs('eni', 'eni-bp1app02j6k7l8z9x0c') });
      const secondary = assetOf<NetworkInterfaceConfiguration>(result, ecs('eni', 'eni-bp1app02j6k7l8z9x0c'));
      expect(secondary.configuration).toMatchObject({ instanceId: APP, type: 'Secondary', privateIpAddresses: ['172.16.2.21'] });
      expect(secondary.relationships).toContainEqual({ type: 'ATTACHED_TO', targetId: ecs('instance', APP) });
    });

    it('marks the RAM role unknown where DescribeInstanceRamRole was throttled, and SAS did not list the instance', () => {
      const win = assetOf<EcsInstanceConfiguration>(result, ecs('instance', WIN));
      expect(win.configuration.publicIpAddresses).toEqual(['120.55.1.2']);
      expect(win.configuration.ramRoleName).toBeNull();
      expect(win.configuration.securityCenterAgent).toBeNull();
      expect(win.unknown).toEqual([{ fields: ['ramRoleName'], source: 'Ecs:DescribeInstanceRamRole', error: { code: 'Throttling.User', message: 'Request was denied due to user flow control.' } }]);
      expect(isFieldUnknown(win, 'ramRoleName')).toBe(true);
      expect(win.relationships.some((r) => r.type === 'HAS_INSTANCE_ROLE')).toBe(false);
    });

    it('normalises security group rules: lower-case protocol, -1/-1 ranges, priorities, Drop rules kept in place', () => {
      const web = assetOf<SecurityGroupConfiguration>(result, ecs('securitygroup', SG_WEB));
      const summary = web.configuration.rules.map((r) => [r.direction, r.policy, r.protocol, r.portFrom, r.portTo, r.priority, r.sourceCidrIp ?? r.sourceGroupId ?? r.destCidrIp]);
      expect(summary).toEqual([
        ['ingress', 'accept', 'tcp', 443, 443, 1, '0.0.0.0/0'],
        ['ingress', 'accept', 'tcp', 22, 22, 100, '0.0.0.0/0'],
        ['ingress', 'drop', 'tcp', 22, 22, 1, '0.0.0.0/0'],
        ['ingress', 'accept', 'tcp', 3389, 3389, 1, '0.0.0.0/0'],
        ['ingress', 'accept', 'all', 1, 65535, 1, SG_APP],
        ['ingress', 'accept', 'icmp', -1, -1, 1, '0.0.0.0/0'],
        ['egress', 'accept', 'all', 1, 65535, 1, '0.0.0.0/0'],
      ]);
      expect(web.configuration.rules[4]).toMatchObject({ portRange: '-1/-1', ipv6SourceCidrIp: null, sourcePrefixListId: null, description: null });
      expect(web.configuration.innerAccessPolicy).toBe('Accept');
      expect(web.relationships).toEqual([
        { type: 'IN_VPC', targetId: vpc('vpc', VPC_ID) },
        { type: 'REFERENCES_SG', targetId: ecs('securitygroup', SG_APP), properties: { direction: 'ingress', policy: 'accept', protocol: 'all', portRange: '-1/-1', priority: 1 } },
      ]);
    });

    it('merges the ingress and egress pages of one group', () => {
      const app = assetOf<SecurityGroupConfiguration>(result, ecs('securitygroup', SG_APP));
      expect(app.configuration.rules.map((r) => `${r.direction} ${r.protocol} ${r.portRange}`)).toEqual(['ingress tcp 8080/8080', 'ingress tcp 22/22', 'egress all -1/-1']);
      expect(app.configuration.innerAccessPolicy).toBe('Drop');
    });

    it('marks the rules of a group whose attributes were never recorded as not collected', () => {
      const mgmt = assetOf<SecurityGroupConfiguration>(result, ecs('securitygroup', 'sg-bp1mgmt1a2s3d4f5g6h7'));
      expect(mgmt.configuration.securityGroupType).toBe('enterprise');
      expect(mgmt.configuration.rules).toEqual([]);
      expect(mgmt.unknown).toEqual([{
        fields: ['rules', 'innerAccessPolicy'], source: 'Ecs:DescribeSecurityGroupAttribute',
        error: { code: 'NotCollected', message: 'the snapshot records no Ecs:DescribeSecurityGroupAttribute call covering sg-bp1mgmt1a2s3d4f5g6h7' },
      }]);
    });

    it('describes disks, attached or not, with their KMS key', () => {
      const encrypted = assetOf<DiskConfiguration>(result, ecs('disk', 'd-bp1app01sys9c8v7b6n5'));
      expect(encrypted.configuration).toEqual({ diskId: 'd-bp1app01sys9c8v7b6n5', instanceId: APP, type: 'system', category: 'cloud_essd', status: 'In_use', encrypted: true, kmsKeyId: KEY, sizeGiB: 100 });
      expect(encrypted.relationships).toEqual([
        { type: 'ATTACHED_TO', targetId: ecs('instance', APP) }, { type: 'ENCRYPTED_WITH', targetId: idOf('kms', HZ, 'key', KEY) },
      ]);
      const orphan = assetOf<DiskConfiguration>(result, ecs('disk', 'd-bp1orphan2m3n4b5v6c7'));
      expect(orphan.configuration).toMatchObject({ instanceId: null, status: 'Available', encrypted: false, kmsKeyId: null });
      expect(orphan.relationships).toEqual([]);
    });
  });

  describe('VPC', () => {
    it('collects VSwitches and the flow log set on a VSwitch onto its VPC', () => {
      const prod = assetOf<VpcConfiguration>(result, vpc('vpc', VPC_ID));
      expect(prod.configuration).toEqual({
        vpcId: VPC_ID, cidrBlock: '172.16.0.0/12', ipv6CidrBlock: null, isDefault: false, status: 'Available',
        vSwitchIds: ['vsw-bp1web5h3k2j9x0c1v4', 'vsw-bp1app2g4h6j8k0l1z3'],
        flowLogs: [{ flowLogId: 'fl-bp1vsw7u8i9o0p1a2s3d', resourceType: 'VSwitch', resourceId: 'vsw-bp1app2g4h6j8k0l1z3', status: 'Active', trafficType: 'All', projectName: 'vpc-flowlogs-hz', logStoreName: 'flowlog' }],
      });
      expect(prod.tags).toEqual({ env: 'prod' });
      expect(prod.relationships).toEqual([{ type: 'LOGS_TO_PROJECT', targetId: idOf('log', HZ, 'project', 'vpc-flowlogs-hz'), properties: { flowLogId: 'fl-bp1vsw7u8i9o0p1a2s3d' } }]);
      const app = assetOf<VSwitchConfiguration>(result, vpc('vswitch', 'vsw-bp1app2g4h6j8k0l1z3'));
      expect(app.configuration).toEqual({ vSwitchId: 'vsw-bp1app2g4h6j8k0l1z3', vpcId: VPC_ID, cidrBlock: '172.16.2.0/24', zoneId: 'cn-hangzhou-i' });
    });

    it('binds EIPs to what they serve, both ways', () => {
      const web = assetOf<EipConfiguration>(result, vpc('eip', 'eip-bp1web01z9x8c7v6b5n'));
      expect(web.configuration).toEqual({ allocationId: 'eip-bp1web01z9x8c7v6b5n', ipAddress: '47.96.10.20', status: 'InUse', instanceType: 'EcsInstance', instanceId: WEB, bandwidthMbps: 5 });
      expect(web.relationships).toEqual([{ type: 'ASSOCIATED_WITH', targetId: ecs('instance', WEB) }]);
      const lb = assetOf<LoadBalancerConfiguration>(result, idOf('slb', HZ, 'loadbalancer', 'lb-bp1public3e4r5t6y7u8'));
      expect(lb.relationships).toContainEqual({ type: 'ASSOCIATED_WITH', targetId: vpc('eip', 'eip-bp1slb01q9w8e7r6t5y') });
    });

    it('resolves the DNAT entry to the ECS instance behind it', () => {
      const nat = assetOf<NatGatewayConfiguration>(result, vpc('natgateway', 'ngw-bp1prod0o9i8u7y6t5r'));
      expect(nat.configuration).toEqual({
        natGatewayId: 'ngw-bp1prod0o9i8u7y6t5r', vpcId: VPC_ID, natType: 'Enhanced', publicIpAddresses: ['47.96.10.30'],
        forwardEntries: [
          { forwardEntryId: 'fwd-bp1ssh1q2w3e4r5t6y7', externalIp: '47.96.10.30', externalPort: '2222', internalIp: '172.16.2.20', internalPort: '22', protocol: 'tcp', status: 'Available' },
          { forwardEntryId: 'fwd-bp1any8u9i0o1p2a3s4', externalIp: '47.96.10.30', externalPort: 'any', internalIp: '172.16.9.9', internalPort: 'any', protocol: 'any', status: 'Available' },
        ],
      });
      expect(nat.relationships).toEqual([
        { type: 'IN_VPC', targetId: vpc('vpc', VPC_ID) },
        { type: 'ASSOCIATED_WITH', targetId: vpc('eip', 'eip-bp1nat01m1n2b3v4c5x') },
        { type: 'FORWARDS_TO', targetId: ecs('instance', APP), properties: { externalIp: '47.96.10.30', externalPort: '2222', internalPort: '22', protocol: 'tcp' } },
      ]);
    });
  });

  describe('SLB', () => {
    it('joins listeners with their ACL entries and the backend servers', () => {
      const lb = assetOf<LoadBalancerConfiguration>(result, idOf('slb', HZ, 'loadbalancer', 'lb-bp1public3e4r5t6y7u8'));
      expect(lb.configuration).toEqual({
        loadBalancerId: 'lb-bp1public3e4r5t6y7u8', addressType: 'internet', address: '47.96.10.40', status: 'active', vpcId: VPC_ID,
        vSwitchId: 'vsw-bp1web5h3k2j9x0c1v4', deleteProtection: false,
        listeners: [
          { port: 443, protocol: 'https', status: 'running', backendPort: 80, aclStatus: 'on', aclType: 'white', aclId: 'acl-bp1office2w3e4r5t6y',
            aclEntries: [{ cidr: '203.0.113.0/24', comment: 'head office' }, { cidr: '198.51.100.7/32', comment: null }] },
          { port: 80, protocol: 'http', status: 'running', backendPort: 80, aclStatus: 'off', aclType: null, aclId: null, aclEntries: null },
          { port: 22, protocol: 'tcp', status: 'running', backendPort: 22, aclStatus: 'on', aclType: 'black', aclId: 'acl-bp1deny7u8i9o0p1a2', aclEntries: null },
        ],
        backendServers: [{ serverId: WEB, type: 'ecs', port: 80, weight: 100 }],
      });
      expect(lb.relationships).toContainEqual({ type: 'BACKEND', targetId: ecs('instance', WEB), properties: { port: 80, weight: 100 } });
      expect(lb.unknown).toEqual([{ fields: ['listeners.aclEntries'], source: 'Slb:DescribeAccessControlListAttribute', error: { code: 'InternalError', message: expect.any(String) } }]);
      expect(isFieldUnknown(lb, 'listeners')).toBe(true);
    });

    it('leaves the backends of a balancer without DescribeLoadBalancerAttribute unknown', () => {
      const lb = assetOf<LoadBalancerConfiguration>(result, idOf('slb', HZ, 'loadbalancer', 'lb-bp1intern9o8i7u6y5t4'));
      expect(lb.configuration.deleteProtection).toBe(true);
      expect(lb.configuration.listeners.map((l) => `${l.protocol}/${l.port}`)).toEqual(['tcp/6379']);
      expect(lb.unknown.map((u) => [u.source, u.fields, u.error.code])).toEqual([['Slb:DescribeLoadBalancerAttribute', ['backendServers'], 'NotCollected']]);
    });
  });

  describe('OSS', () => {
    it('reads ACL, policy, logging, encryption and versioning from the XML bodies', () => {
      const logs = assetOf<BucketConfiguration>(result, idOf('oss', null, 'bucket', 'rampart-prod-logs'));
      expect(logs).toMatchObject({ region: HZ, product: 'OSS', resourceType: 'ALIYUN::OSS::Bucket', name: 'rampart-prod-logs' });
      expect(logs.configuration).toEqual({
        bucketName: 'rampart-prod-logs', location: 'oss-cn-hangzhou', storageClass: 'Standard', creationDate: '2025-03-01T09:30:00.000Z', acl: 'private',
        policy: {
          Version: '1',
          Statement: [
            { Effect: 'Deny', Action: ['oss:*'], Principal: '*', Resource: [`acs:oss:*:${ACCOUNT}:rampart-prod-logs`, `acs:oss:*:${ACCOUNT}:rampart-prod-logs/*`], Condition: { Bool: { 'acs:SecureTransport': ['false'] } } },
            { Effect: 'Allow', Action: ['oss:PutObject'], Principal: { RAM: ['actiontrail.aliyuncs.com'] }, Resource: [`acs:oss:*:${ACCOUNT}:rampart-prod-logs/actiontrail/*`] },
          ],
        },
        logging: { enabled: false, targetBucket: null, targetPrefix: null },
        encryption: { algorithm: 'KMS', kmsMasterKeyId: KEY },
        versioning: 'Enabled',
        blockPublicAccess: true,
      });
      expect(logs.relationships).toEqual([{ type: 'ENCRYPTED_WITH', targetId: idOf('kms', HZ, 'key', KEY) }]);
      expect(logs.unknown).toEqual([]);
    });

    it('shows a public bucket: public-read ACL, anonymous Allow, no encryption rule, versioning never enabled', () => {
      const pub = assetOf<BucketConfiguration>(result, idOf('oss', null, 'bucket', 'rampart-public-assets'));
      expect(pub.configuration).toMatchObject({
        acl: 'public-read',
        logging: { enabled: true, targetBucket: 'rampart-prod-logs', targetPrefix: 'public-assets/' },
        encryption: { algorithm: null, kmsMasterKeyId: null },
        versioning: null,
        blockPublicAccess: false,
      });
      expect(pub.configuration.policy?.Statement).toEqual([
        { Effect: 'Allow', Action: ['oss:GetObject', 'oss:ListObjects'], Principal: '*', Resource: [`acs:oss:*:${ACCOUNT}:rampart-public-assets/*`] },
      ]);
      expect(pub.relationships).toEqual([{ type: 'LOGS_TO_BUCKET', targetId: idOf('oss', null, 'bucket', 'rampart-prod-logs') }]);
      expect(pub.unknown).toEqual([]);
    });

    it('falls back to GetBucketInfo where a Get* call was denied, and marks the policy unknown', () => {
      const backup = assetOf<BucketConfiguration>(result, idOf('oss', null, 'bucket', 'rampart-backup-sh'));
      expect(backup.region).toBe('cn-shanghai');
      expect(backup.configuration).toMatchObject({
        acl: 'private', policy: null, storageClass: 'IA',
        logging: { enabled: false, targetBucket: null, targetPrefix: null },
        encryption: { algorithm: 'AES256', kmsMasterKeyId: null },
        versioning: 'Suspended', blockPublicAccess: null,
      });
      expect(backup.unknown).toEqual([{ fields: ['policy'], source: 'Oss:GetBucketPolicy', error: { code: 'AccessDenied', message: expect.any(String) } }]);
    });
  });

  describe('RAM', () => {
    it('reads the account settings, including the misspelled MaxLoginAttemps and the credential report', () => {
      const account = assetOf<AccountConfiguration>(result, ram('account', ACCOUNT));
      expect(account.resourceType).toBe('ALIYUN::RAM::Account');
      expect(account.configuration.callerArn).toBe(`acs:ram::${ACCOUNT}:user/rampart-auditor`);
      expect(account.configuration.passwordPolicy).toEqual({
        minimumPasswordLength: 8, requireLowercaseCharacters: true, requireUppercaseCharacters: true, requireNumbers: true, requireSymbols: false,
        passwordReusePrevention: 0, maxPasswordAge: 0, hardExpiry: false, maxLoginAttempts: 0,
      });
      expect(account.configuration.securityPreference).toEqual({
        enforceMfaForLogin: false, allowUserToChangePassword: true, allowUserToManageAccessKeys: false, allowUserToManageMfaDevices: true,
        loginSessionDuration: 6, loginNetworkMasks: null,
      });
      const report = account.configuration.credentialReport;
      expect(report?.generatedAt).toBe('2026-11-27T23:30:00Z');
      expect(report?.root).toEqual({
        user: '<root>', userCreationTime: '2019-01-10T03:00:00Z', userLastLogon: '2026-11-27T22:10:00Z', passwordExist: true, passwordActive: true,
        passwordLastChanged: '2023-05-01T00:00:00Z', mfaActive: false, accessKeys: [],
      });
      expect(report?.users.map((u) => [u.user, u.mfaActive, u.userLastLogon, u.accessKeys.length])).toEqual([
        ['alice@rampart-demo.onaliyun.com', false, '2026-11-20T09:12:00Z', 0],
        ['bob@rampart-demo.onaliyun.com', true, '2026-10-02T01:00:00Z', 0],
        ['ci-deploy@rampart-demo.onaliyun.com', false, null, 2],
      ]);
    });

    it('gives each user login profile, MFA device, keys, groups and policies', () => {
      const alice = assetOf<RamUserConfiguration>(result, ram('user', 'alice'));
      expect(alice.configuration).toEqual({
        userName: 'alice', userId: '204781000000000001', displayName: 'Alice Chen', createDate: '2025-03-01T09:00:00Z', lastLoginDate: '2026-11-20T09:12:00Z',
        loginProfile: { mfaBindRequired: false, passwordResetRequired: false, createDate: '2025-03-01T09:00:00Z' },
        mfaDevice: null, accessKeys: [], groups: ['admins'], attachedPolicies: [],
      });
      expect(alice.relationships).toEqual([{ type: 'MEMBER_OF', targetId: ram('group', 'admins') }]);
      const bob = assetOf<RamUserConfiguration>(result, ram('user', 'bob'));
      expect(bob.configuration.mfaDevice).toEqual({ serialNumber: `acs:ram::${ACCOUNT}:mfa/bob`, activatedAt: '2025-04-02T01:00:00Z' });
      expect(bob.configuration.loginProfile?.mfaBindRequired).toBe(true);
    });

    it('treats a missing login profile as "no console password" and dates old keys from the credential report', () => {
      const ci = assetOf<RamUserConfiguration>(result, ram('user', 'ci-deploy'));
      expect(ci.configuration.loginProfile).toBeNull();
      expect(ci.configuration.lastLoginDate).toBeNull();
      expect(ci.configuration.accessKeys).toEqual([
        { accessKeyId: 'LTAI4Fold0ci0deploy0key01', status: 'Active', createDate: '2019-03-01T08:00:00Z', lastUsedDate: '2026-11-27T23:59:00Z' },
        { accessKeyId: 'LTAI5tnew0ci0deploy0key02', status: 'Inactive', createDate: '2026-01-10T10:00:00Z', lastUsedDate: null },
      ]);
      expect(ci.configuration.attachedPolicies).toEqual([{ policyName: 'LegacyFullAccess', policyType: 'Custom', policyId: ram('policy', 'LegacyFullAccess') }]);
      expect(ci.relationships).toEqual([{ type: 'HAS_POLICY', targetId: ram('policy', 'LegacyFullAccess') }]);
      expect(ci.unknown).toEqual([]);
    });

    it('links groups and roles to their policies and decodes trust policies', () => {
      const admins = assetOf<RamGroupConfiguration>(result, ram('group', 'admins'));
      expect(admins.configuration).toEqual({
        groupName: 'admins', comments: 'full administrators',
        attachedPolicies: [{ policyName: 'AdministratorAccess', policyType: 'System', policyId: ram('policy', 'system/AdministratorAccess') }],
      });
      const role = assetOf<RamRoleConfiguration>(result, ram('role', 'EcsAppRole'));
      expect(role.configuration).toEqual({
        roleName: 'EcsAppRole', roleId: '301234567890000001', arn: `acs:ram::${ACCOUNT}:role/ecsapprole`,
        trustPolicy: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: ['ecs.aliyuncs.com'] } }] },
        maxSessionDuration: 3600, createDate: '2025-03-02T08:00:00Z',
        attachedPolicies: [
          { policyName: 'AliyunOSSFullAccess', policyType: 'System', policyId: ram('policy', 'system/AliyunOSSFullAccess') },
          { policyName: 'OssLogsWriter', policyType: 'Custom', policyId: ram('policy', 'OssLogsWriter') },
        ],
      });
      const audit = assetOf<RamRoleConfiguration>(result, ram('role', 'CrossAccountAuditRole'));
      expect(audit.configuration.trustPolicy?.Statement[0].Principal).toEqual({ RAM: ['acs:ram::9876543210987654:root'] });
      expect(audit.tags).toEqual({ owner: 'secops' });
    });

    it('reads policy documents from GetPolicyVersion or GetPolicy, URL-encoded or not, and marks the uncollected one', () => {
      const doc = (id: string): RamPolicyConfiguration => assetOf<RamPolicyConfiguration>(result, ram('policy', id)).configuration;
      expect(doc('system/AdministratorAccess').document).toEqual({ Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
      expect(doc('OssLogsWriter')).toMatchObject({ policyType: 'Custom', defaultVersion: 'v2', attachmentCount: 1 });
      expect(doc('OssLogsWriter').document?.Statement).toEqual([{ Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['acs:oss:*:*:rampart-prod-logs/app/*'] }]);
      expect(doc('LegacyFullAccess').document?.Statement).toEqual([
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: ['ram:DeleteUser'], Resource: '*', Condition: { IpAddress: { 'acs:SourceIp': ['10.0.0.0/8'] } } },
      ]);
      const readOnly = assetOf<RamPolicyConfiguration>(result, ram('policy', 'system/ReadOnlyAccess'));
      expect(readOnly.configuration.document).toBeNull();
      expect(readOnly.unknown).toEqual([{ fields: ['document'], source: 'Ram:GetPolicyVersion', error: { code: 'NotCollected', message: expect.any(String) } }]);
    });
  });

  describe('RDS and Redis', () => {
    it('splits whitelist lists so a world entry inside a comma list is visible', () => {
      const orders = assetOf<RdsInstanceConfiguration>(result, idOf('rds', HZ, 'dbinstance', 'rm-bp1orders6y7u8i9o0p'));
      expect(orders.configuration.whitelistGroups).toEqual([
        { name: 'default', attribute: null, ipType: 'IPv4', entries: ['127.0.0.1'] },
        { name: 'app', attribute: null, ipType: 'IPv4', entries: ['172.16.2.0/24', '10.0.0.1', '0.0.0.0/0'] },
        { name: 'ali_dms_group', attribute: 'hidden', ipType: 'IPv4', entries: ['100.104.0.0/16'] },
      ]);
    });

    it('reads SSL, TDE, SQL audit, parameters, connections and backups', () => {
      const orders = assetOf<RdsInstanceConfiguration>(result, idOf('rds', HZ, 'dbinstance', 'rm-bp1orders6y7u8i9o0p'));
      expect(orders.configuration).toMatchObject({
        dbInstanceId: 'rm-bp1orders6y7u8i9o0p', engine: 'MySQL', engineVersion: '8.0', status: 'Running', instanceNetworkType: 'VPC',
        ssl: { enabled: true, forceEncryption: false, expireTime: '2027-03-04T00:00:00Z' },
        tde: { status: 'Enabled', encryptionKey: KEY, byok: true },
        sqlCollector: { status: 'Enable', retentionDays: 180 },
        parameters: { require_secure_transport: 'OFF', local_infile: 'ON' },
        publicConnection: true,
        netInfo: [
          { connectionString: 'rm-bp1orders6y7u8i9o0p.mysql.rds.aliyuncs.com', ipAddress: '172.16.2.50', ipType: 'Private', port: 3306 },
          { connectionString: 'rm-bp1orders6y7u8i9o0pfo.mysql.rds.aliyuncs.com', ipAddress: '47.96.10.60', ipType: 'Public', port: 3306 },
        ],
        backup: { backupRetentionPeriod: 7, preferredBackupPeriod: ['Monday', 'Thursday'], enableBackupLog: true, logBackupRetentionPeriod: 7 },
      });
      expect(orders.name).toBe('orders-mysql');
      expect(orders.relationships).toEqual([
        { type: 'IN_VPC', targetId: vpc('vpc', VPC_ID) },
        { type: 'IN_VSWITCH', targetId: vpc('vswitch', 'vsw-bp1app2g4h6j8k0l1z3') },
        { type: 'ENCRYPTED_WITH', targetId: idOf('kms', HZ, 'key', KEY) },
      ]);
      expect(orders.unknown).toEqual([]);
    });

    it('marks TDE unknown where the API refused, and the audit retention that was never recorded', () => {
      const pg = assetOf<RdsInstanceConfiguration>(result, idOf('rds', HZ, 'dbinstance', 'rm-bp1analytics1q2w3e'));
      expect(pg.configuration).toMatchObject({
        engine: 'PostgreSQL', ssl: { enabled: false, forceEncryption: false, expireTime: null }, publicConnection: false,
        parameters: { log_connections: 'on', log_disconnections: 'off', log_duration: 'on' },
        sqlCollector: { status: 'Disabled', retentionDays: null },
        backup: { backupRetentionPeriod: 30, enableBackupLog: false, logBackupRetentionPeriod: 0 },
      });
      expect(pg.unknown.map((u) => [u.source, u.fields, u.error.code])).toEqual([
        ['Rds:DescribeDBInstanceTDE', ['tde'], 'InvalidDBInstanceType.NotSupport'],
        ['Rds:DescribeSQLCollectorRetention', ['sqlCollector.retentionDays'], 'NotCollected'],
      ]);
      expect(isFieldUnknown(pg, 'tde.status')).toBe(true);
      expect(isFieldUnknown(pg, 'sqlCollector.status')).toBe(false);
    });

    it('reads Redis whitelists and leaves the endpoint and SSL questions unknown without their calls', () => {
      const redis = assetOf<RedisInstanceConfiguration>(result, idOf('kvstore', HZ, 'instance', 'r-bp1cache7u8i9o0p1a2'));
      expect(redis).toMatchObject({ product: 'KVSTORE', resourceType: 'ALIYUN::REDIS::Instance', name: 'sessions', tags: { app: 'storefront' } });
      expect(redis.configuration.whitelistGroups.map((g) => g.entries)).toEqual([['127.0.0.1'], ['172.16.2.0/24', '0.0.0.0/0']]);
      expect(redis.unknown.map((u) => [u.source, u.fields])).toEqual([
        ['R-kvstore:DescribeDBInstanceNetInfo', ['publicConnection']],
        ['R-kvstore:DescribeInstanceSSL', ['sslEnabled']],
      ]);
    });
  });

  describe('logging, keys, containers and Security Center', () => {
    it('lists the multi-region trail once, delivering to its bucket and log project', () => {
      const trail = assetOf<TrailConfiguration>(result, idOf('actiontrail', HZ, 'trail', 'account-trail'));
      expect(trail.configuration).toEqual({
        name: 'account-trail', status: 'Enable', homeRegion: HZ, trailRegion: 'All', eventRW: 'All', ossBucketName: 'rampart-prod-logs', ossKeyPrefix: 'actiontrail',
        slsProjectArn: `acs:log:cn-hangzhou:${ACCOUNT}:project/rampart-audit`, slsWriteRoleArn: `acs:ram::${ACCOUNT}:role/aliyunactiontraildefaultrole`, isOrganizationTrail: false,
      });
      expect(trail.relationships).toEqual([
        { type: 'LOGS_TO_BUCKET', targetId: idOf('oss', null, 'bucket', 'rampart-prod-logs') },
        { type: 'LOGS_TO_PROJECT', targetId: idOf('log', HZ, 'project', 'rampart-audit') },
      ]);
    });

    it('describes KMS keys with rotation and deletion protection', () => {
      expect(assetOf<KmsKeyConfiguration>(result, idOf('kms', HZ, 'key', KEY)).configuration).toEqual({
        keyId: KEY, keyState: 'Enabled', keyUsage: 'ENCRYPT/DECRYPT', keySpec: 'Aliyun_AES_256', origin: 'Aliyun_KMS', creator: ACCOUNT,
        automaticRotation: 'Enabled', rotationInterval: '31536000s', deletionProtection: true, creationDate: '2025-03-01T09:20:00Z',
      });
      expect(assetOf<KmsKeyConfiguration>(result, idOf('kms', HZ, 'key', 'key-hzz7a9b8c7d6e5f4g3h2j')).configuration).toMatchObject({ automaticRotation: 'Disabled', rotationInterval: null, deletionProtection: false });
    });

    it('describes SLS projects with logstores and alerts', () => {
      expect(assetOf<SlsProjectConfiguration>(result, idOf('log', HZ, 'project', 'rampart-audit')).configuration).toEqual({
        projectName: 'rampart-audit', description: 'ActionTrail and K8s audit',
        logStores: [{ name: 'actiontrail_account-trail', ttlDays: 180, encrypted: true }],
        alerts: [
          { name: 'unauthorized-api-calls', displayName: 'Unauthorized API calls', enabled: true, queries: ['event.errorCode: NoPermission | select count(1) as c'] },
          { name: 'root-login', displayName: 'Root account login', enabled: false, queries: ['event.userIdentity.type: root-account and event.eventName: ConsoleSignin'] },
        ],
      });
      const flow = assetOf<SlsProjectConfiguration>(result, idOf('log', HZ, 'project', 'vpc-flowlogs-hz'));
      expect(flow.configuration.logStores).toEqual([{ name: 'flowlog', ttlDays: null, encrypted: null }]);
      expect(flow.unknown.map((u) => [u.source, u.fields])).toEqual([['Sls:GetLogStore', ['logStores']], ['Sls:ListAlerts', ['alerts']]]);
    });

    it('decodes the ACK meta_data and master_url JSON strings', () => {
      const cluster = assetOf<AckClusterConfiguration>(result, idOf('cs', HZ, 'cluster', 'c7f1e2d3a4b5c6d7e8f9a0b1c2d3e4f5a'));
      expect(cluster.configuration).toEqual({
        clusterId: 'c7f1e2d3a4b5c6d7e8f9a0b1c2d3e4f5a', clusterType: 'ManagedKubernetes', state: 'running', currentVersion: '1.30.1-aliyun.1',
        vpcId: VPC_ID, securityGroupId: 'sg-bp1ack0z9x8c7v6b5n4m', apiServerEndpoint: 'https://47.96.10.50:6443', apiServerPublic: true,
        dashboardEnabled: true, networkPlugin: 'terway',
        addons: [
          { name: 'terway-eniip', disabled: false, config: { IPVlan: 'false', NetworkPolicy: 'true', ENITrunking: 'false' } },
          { name: 'csi-plugin', disabled: false, config: null },
          { name: 'kubernetes-dashboard', disabled: false, config: null },
          { name: 'logtail-ds', disabled: false, config: { IngressDashboardEnabled: 'true', sls_project_name: 'k8s-log-c7f1e2d3' } },
        ],
        auditProjectName: 'k8s-log-c7f1e2d3', rbacEnabled: true, basicAuthEnabled: null, cloudMonitorEnabled: true, logServiceEnabled: true,
        networkPolicyEnabled: true, privateZone: false, lastClusterCheckAt: null, deletionProtection: true,
      });
      expect(cluster.tags).toEqual({ env: 'prod', 'ack.aliyun.com': 'c7f1e2d3a4b5c6d7e8f9a0b1c2d3e4f5a' });
      expect(cluster.relationships).toEqual([
        { type: 'LOGS_TO_PROJECT', targetId: idOf('log', HZ, 'project', 'k8s-log-c7f1e2d3') },
        { type: 'IN_VPC', targetId: vpc('vpc', VPC_ID) },
        { type: 'MEMBER_OF_SG', targetId: ecs('securitygroup', 'sg-bp1ack0z9x8c7v6b5n4m') },
      ]);
    });

    it('summarises Security Center: edition, agents, unfixed vulnerabilities, notices', () => {
      const sas = assetOf<SecurityCenterConfiguration>(result, idOf('sas', null, 'instance', ACCOUNT));
      expect(sas).toMatchObject({ product: 'SAS', resourceType: 'ALIYUN::ThreatDetection::Instance', region: null });
      expect(sas.configuration).toEqual({
        versionCode: 3, edition: 'Enterprise',
        agents: [{ instanceId: WEB, clientStatus: 'online' }, { instanceId: APP, clientStatus: 'offline' }],
        unfixedVulnerabilities: [{ name: 'oval:com.redhat.rhsa:def:20240123', type: 'cve', instanceId: WEB, level: 'asap' }],
        notices: [{ project: 'yundun_security_Weekreport', route: 7 }, { project: 'sas_vulnerability', route: 0 }],
        vulScanEnabled: null,
      });
    });
  });
});
