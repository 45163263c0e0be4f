/**
 * Attack-path engine benchmark: generates a realistic inventory of 100,000 assets (four accounts), builds
 * the security graph, searches all path types, computes choke points, a blast radius, alternatives and
 * one incremental change. Run (prints each figure as it goes with BENCH_VERBOSE=1):
 *   node --max-old-space-size=6144 --max-semi-space-size=64 bench/attack-paths.run.mjs [assetCount=100000]
 */
import { RESOURCE_TYPES, assetId, type Asset, type PolicyStatement, type ResourceTypeKey } from '@rampart/asset-model';
import { AttackPathAnalyzer } from '../services/attack-paths/src/graph/attack-path.analyzer';
import { CsrSnapshot } from '../services/attack-paths/src/graph/engine/csr.snapshot';
import { EmbeddedGraphStore } from '../services/attack-paths/src/graph/engine/embedded-graph.store';
import { graphQueries } from '../services/attack-paths/src/graph/engine/graph.queries';
import { PATH_TYPES } from '../services/attack-paths/src/graph/path-types/path-type.catalogue';
import { buildSecurityGraph } from '../services/attack-paths/src/graph/security-graph.builder';

function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(42);
const chance = (p: number): boolean => random() < p;
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
const int = (n: number): number => Math.floor(random() * n);

/** Share of each kind in 100 assets, roughly what a mid-size Alibaba estate looks like. */
const MIX: Array<[ResourceTypeKey, number]> = [
  ['ecsInstance', 28], ['disk', 22], ['securityGroup', 6], ['vpc', 0.2], ['vSwitch', 1.5], ['eip', 4], ['loadBalancer', 0.8],
  ['natGateway', 0.15], ['bucket', 6], ['ramUser', 5], ['ramGroup', 0.3], ['ramRole', 2], ['ramPolicy', 3], ['rdsInstance', 2],
  ['redisInstance', 1], ['ackCluster', 0.1], ['kmsKey', 3], ['slsProject', 2], ['trail', 0.05],
];

function make(key: ResourceTypeKey, account: string, resourceId: string, configuration: unknown, tags: Record<string, string> = {}): Asset {
  const global = ['ramUser', 'ramGroup', 'ramRole', 'ramPolicy', 'bucket', 'account'].includes(key);
  const region = global ? null : 'cn-hangzhou';
  return {
    id: assetId(key, account, region, resourceId), provider: 'ALIBABA_CLOUD', accountId: account, region, product: 'ECS',
    resourceType: RESOURCE_TYPES[key], resourceId, name: resourceId, tags, configuration: configuration as Asset['configuration'],
    relationships: [], unknown: [],
  };
}

export function generateInventory(total: number, accounts = 4): Asset[] {
  const assets: Asset[] = [];
  const weight = MIX.reduce((s, [, w]) => s + w, 0);
  for (let a = 0; a < accounts; a++) {
    const account = `12000000000000${a}`;
    const count = (key: ResourceTypeKey): number => Math.max(1, Math.round((total / accounts) * (MIX.find(([k]) => k === key)![1] / weight)));
    assets.push(make('account', account, account, { accountId: account, callerArn: null, passwordPolicy: null, securityPreference: null,
      credentialReport: { generatedAt: null, users: [], root: { user: '<root>', userCreationTime: null, userLastLogon: null, passwordExist: true, passwordActive: true, passwordLastChanged: null, mfaActive: true, accessKeys: a === 0 ? [{ active: true, lastRotated: null, lastUsed: null }] : [] } } }));
    const vpcs = Array.from({ length: count('vpc') }, (_, i) => `vpc-${a}-${i}`);
    vpcs.forEach((id, i) => assets.push(make('vpc', account, id, { vpcId: id, cidrBlock: `10.${i % 250}.0.0/16`, ipv6CidrBlock: null, isDefault: false, status: 'Available', vSwitchIds: [], flowLogs: [] })));
    const switches = Array.from({ length: count('vSwitch') }, (_, i) => ({ id: `vsw-${a}-${i}`, vpc: i % vpcs.length, subnet: Math.floor(i / vpcs.length) }));
    switches.forEach((s) => assets.push(make('vSwitch', account, s.id, { vSwitchId: s.id, vpcId: vpcs[s.vpc], cidrBlock: `10.${s.vpc % 250}.${s.subnet}.0/24`, zoneId: 'h' })));
    const groups = Array.from({ length: count('securityGroup') }, (_, i) => `sg-${a}-${i}`);
    groups.forEach((id) => {
      const rules = [];
      for (let r = 0; r < 6; r++) rules.push(rule(`10.0.0.0/8`, 'tcp', pick(['80/80', '443/443', '8080/8080', '3306/3306']), 'accept', 50));
      if (chance(0.15)) rules.push(rule('0.0.0.0/0', 'tcp', pick(['22/22', '3389/3389', '443/443', '80/80']), 'accept', 10));
      if (chance(0.05)) rules.push(rule('0.0.0.0/0', 'tcp', '1/65535', 'drop', 1));
      if (chance(0.1)) rules.push(rule(pick(groups), 'tcp', '8080/8080', 'accept', 20));
      assets.push(make('securityGroup', account, id, { securityGroupId: id, securityGroupType: 'normal', vpcId: pick(vpcs), description: null, rules, innerAccessPolicy: chance(0.3) ? 'Accept' : 'Drop' }));
    });
    const roles = Array.from({ length: count('ramRole') }, (_, i) => `role-${i}`);
    const policies = Array.from({ length: count('ramPolicy') }, (_, i) => ({ name: `policy-${i}`, id: assetId('ramPolicy', account, null, `Custom/policy-${i}`) }));
    const buckets = Array.from({ length: count('bucket') }, (_, i) => `bucket-${a}-${i}`);
    policies.forEach((p) => {
      const statements: PolicyStatement[] = [];
      const roll = random();
      if (roll < 0.01) statements.push({ Effect: 'Allow', Action: '*', Resource: '*' });
      else if (roll < 0.05) statements.push({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `acs:ram:*:*:role/role-${int(20)}*` });
      else if (roll < 0.07) statements.push({ Effect: 'Allow', Action: ['ecs:RunCommand', 'ecs:Describe*'], Resource: '*' });
      else if (roll < 0.08) statements.push({ Effect: 'Allow', Action: 'oss:*', Resource: '*' }, { Effect: 'Deny', Action: 'oss:GetObject', Resource: `acs:oss:*:*:${pick(buckets)}/*` });
      else if (roll < 0.085) statements.push({ Effect: 'Allow', Action: ['ram:CreateAccessKey', 'ram:UpdateLoginProfile'], Resource: 'acs:ram:*:*:user/*' });
      else if (roll < 0.09) statements.push({ Effect: 'Allow', Action: ['ecs:AttachInstanceRamRole', 'ram:PassRole'], Resource: '*' });
      else if (roll < 0.1) statements.push({ Effect: 'Allow', Action: 'rds:Modify*', Resource: 'acs:rds:*:*:dbinstance/*' });
      else statements.push({ Effect: 'Allow', Action: ['oss:GetObject', 'oss:PutObject'], Resource: [`acs:oss:*:*:${pick(buckets)}/*`, `acs:oss:*:*:${pick(buckets)}/*`] });
      assets.push(make('ramPolicy', account, `Custom/${p.name}`, { policyName: p.name, policyType: 'Custom', defaultVersion: 'v1', document: { Version: '1', Statement: statements }, attachmentCount: 1, description: null }));
    });
    const refs = () => Array.from({ length: 1 + int(3) }, () => { const p = pick(policies); return { policyName: p.name, policyType: 'Custom' as const, policyId: p.id }; });
    roles.forEach((name, i) => {
      const trust = i % 10 < 4 ? { Statement: [{ Effect: 'Allow' as const, Action: 'sts:AssumeRole', Principal: { Service: ['ecs.aliyuncs.com'] } }] }
        : i % 10 < 9 ? { Statement: [{ Effect: 'Allow' as const, Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${account}:root`] } }] }
          : { Statement: [{ Effect: 'Allow' as const, Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::99999999999${i % 7}:root`] } }] };
      assets.push(make('ramRole', account, name, { roleName: name, roleId: `3${a}${i}`, arn: `acs:ram::${account}:role/${name}`, trustPolicy: trust, maxSessionDuration: 3600, attachedPolicies: refs(), createDate: null }));
    });
    const groupNames = Array.from({ length: count('ramGroup') }, (_, i) => `group-${i}`);
    groupNames.forEach((name) => assets.push(make('ramGroup', account, name, { groupName: name, comments: null, attachedPolicies: refs() })));
    for (let i = 0; i < count('ramUser'); i++) {
      const name = `user-${i}`;
      assets.push(make('ramUser', account, name, { userName: name, userId: `2${a}${i}`, displayName: name, createDate: null, lastLoginDate: null, loginProfile: null, mfaDevice: null,
        accessKeys: Array.from({ length: int(3) }, (_, k) => ({ accessKeyId: `LTAI${a}u${i}k${k}`, status: chance(0.8) ? 'Active' : 'Inactive', createDate: null, lastUsedDate: chance(0.7) ? '2026-11-01T00:00:00Z' : null })),
        groups: chance(0.6) ? [pick(groupNames)] : [], attachedPolicies: chance(0.5) ? refs() : [] }));
    }
    buckets.forEach((name) => assets.push(make('bucket', account, name, { bucketName: name, location: 'oss-cn-hangzhou', storageClass: 'Standard', creationDate: null,
      acl: chance(0.02) ? 'public-read' : 'private', policy: null, logging: { enabled: false, targetBucket: null, targetPrefix: null }, encryption: { algorithm: null, kmsMasterKeyId: null }, versioning: null, blockPublicAccess: false },
    chance(0.1) ? { 'data-classification': 'confidential' } : {})));
    const instances: string[] = [];
    for (let i = 0; i < count('ecsInstance'); i++) {
      const id = `i-${a}-${i}`;
      instances.push(id);
      const sw = pick(switches);
      assets.push(make('ecsInstance', account, id, { instanceId: id, status: chance(0.92) ? 'Running' : 'Stopped', instanceType: 'ecs.g7.large', osType: 'linux', osName: null, imageId: null, zoneId: 'h',
        vpcId: vpcs[sw.vpc], vSwitchId: sw.id, privateIpAddresses: [`10.${sw.vpc % 250}.${sw.subnet}.${(i % 250) + 2}`], publicIpAddresses: chance(0.08) ? [`47.${a}.${i % 250}.${int(250)}`] : [],
        eipAddress: null, eipAllocationId: null, securityGroupIds: [pick(groups), ...(chance(0.2) ? [pick(groups)] : [])], networkInterfaceIds: [],
        ramRoleName: chance(0.5) ? roles[int(Math.ceil(roles.length * 0.4 / 10)) * 10 % roles.length] : null, deletionProtection: null, metadataHttpTokens: null, createdAt: null }));
    }
    for (let i = 0; i < count('eip'); i++) assets.push(make('eip', account, `eip-${a}-${i}`, { allocationId: `eip-${a}-${i}`, ipAddress: `39.${a}.${i % 250}.${int(250)}`, status: 'InUse', instanceType: 'EcsInstance', instanceId: pick(instances), bandwidthMbps: 5 }));
    for (let i = 0; i < count('loadBalancer'); i++) assets.push(make('loadBalancer', account, `lb-${a}-${i}`, { loadBalancerId: `lb-${a}-${i}`, addressType: chance(0.6) ? 'internet' : 'intranet', address: '47.9.9.9', status: 'active', vpcId: null, vSwitchId: null, deleteProtection: null,
      listeners: [{ port: 443, protocol: 'https', status: 'running', backendPort: 8080, aclStatus: chance(0.5) ? 'off' : 'on', aclType: 'white', aclId: 'acl', aclEntries: [{ cidr: chance(0.3) ? '0.0.0.0/0' : '203.0.113.0/24', comment: null }] }],
      backendServers: Array.from({ length: 4 }, () => ({ serverId: pick(instances), type: 'ecs', port: 8080, weight: 100 })) }));
    for (let i = 0; i < count('natGateway'); i++) assets.push(make('natGateway', account, `ngw-${a}-${i}`, { natGatewayId: `ngw-${a}-${i}`, vpcId: pick(vpcs), natType: 'Enhanced', publicIpAddresses: ['47.8.8.8'],
      forwardEntries: Array.from({ length: 3 }, (_, k) => ({ forwardEntryId: `fwd-${k}`, externalIp: '47.8.8.8', externalPort: `${2200 + k}`, internalIp: `10.${int(50)}.${int(5)}.${int(250) + 2}`, internalPort: '22', protocol: 'tcp', status: 'Available' })) }));
    const db = (key: 'rdsInstance' | 'redisInstance', i: number) => {
      const id = `${key === 'rdsInstance' ? 'rm' : 'r'}-${a}-${i}`;
      const vpc = int(vpcs.length);
      const whitelist = chance(0.05) ? ['0.0.0.0/0'] : chance(0.5) ? [`10.${vpc % 250}.0.0/16`] : [`10.${vpc % 250}.${int(8)}.0/24`];
      const common = { status: key === 'rdsInstance' ? 'Running' : 'Normal', vpcId: vpcs[vpc], vSwitchId: null, publicConnection: chance(0.1), whitelistGroups: [{ name: 'default', attribute: null, ipType: 'IPv4', entries: whitelist }] };
      const config = key === 'rdsInstance'
        ? { dbInstanceId: id, engine: 'MySQL', engineVersion: '8.0', instanceNetworkType: 'VPC', netInfo: [], ssl: { enabled: true, forceEncryption: false, expireTime: null }, tde: { status: 'Disabled', encryptionKey: null, byok: false }, sqlCollector: { status: 'Disabled', retentionDays: null }, parameters: {}, backup: { backupRetentionPeriod: 7, preferredBackupPeriod: [], enableBackupLog: true, logBackupRetentionPeriod: 7 }, ...common }
        : { instanceId: id, engineVersion: '7.0', networkType: 'VPC', connectionDomain: null, sslEnabled: false, ...common };
      assets.push(make(key, account, id, config, chance(0.2) ? { sensitive: 'true' } : {}));
    };
    for (let i = 0; i < count('rdsInstance'); i++) db('rdsInstance', i);
    for (let i = 0; i < count('redisInstance'); i++) db('redisInstance', i);
    for (let i = 0; i < count('ackCluster'); i++) assets.push(make('ackCluster', account, `c-${a}-${i}`, { clusterId: `c-${a}-${i}`, clusterType: 'ManagedKubernetes', state: 'running', apiServerPublic: chance(0.4), addons: [], vpcId: null, securityGroupId: null, apiServerEndpoint: null }));
    for (const key of ['disk', 'kmsKey', 'slsProject', 'trail'] as const) {
      for (let i = 0; i < count(key); i++) assets.push(make(key, account, `${key}-${a}-${i}`, {}));
    }
  }
  return assets;
}

function rule(source: string, protocol: 'tcp', portRange: string, policy: 'accept' | 'drop', priority: number) {
  const [from, to] = portRange.split('/').map(Number);
  const group = source.startsWith('sg-');
  return { direction: 'ingress' as const, policy, protocol, portFrom: from, portTo: to, portRange, sourceCidrIp: group ? null : source, ipv6SourceCidrIp: null,
    sourceGroupId: group ? source : null, sourcePrefixListId: null, destCidrIp: null, priority, nicType: 'intranet', description: null };
}

/** Wall time, and the process's CPU time (user + system), which a busy shared machine inflates less. */
function timed<T>(label: string, fn: () => T, results: Array<[string, string]>): T {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(cpu);
  results.push([label, `${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(0)} ms (cpu ${((used.user + used.system) / 1000).toFixed(0)} ms)`]);
  if (process.env.BENCH_VERBOSE) console.error(results[results.length - 1].join(': '));
  return value;
}

async function timedAsync<T>(label: string, fn: () => Promise<T>, results: Array<[string, string]>): Promise<T> {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  results.push([label, `${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(0)} ms (cpu ${((used.user + used.system) / 1000).toFixed(0)} ms)`]);
  return value;
}

export async function main(total = 100_000): Promise<void> {
  const results: Array<[string, string]> = [];
  const assets = timed('generate inventory', () => generateInventory(total), results);
  results.push(['assets', String(assets.length)]);
  const graph = timed('build graph (derivation)', () => buildSecurityGraph(assets), results);
  results.push(['nodes / edges', `${graph.nodes.length} / ${graph.edges.length}`]);
  const csr = timed('CSR snapshot', () => new CsrSnapshot(graph), results);
  // BENCH_PATH_TYPES=AP01,AP02 restricts the search (the access-key families dominate on big estates)
  const only = process.env.BENCH_PATH_TYPES?.split(',');
  const types = PATH_TYPES.filter((t) => !only || only.includes(t.apId));
  const paths = timed(`path search, ${types.length} types`, () => types.flatMap((type) =>
    timed(`  ${type.apId} ${type.id}`, () => graphQueries.shortestPathsByType(csr, { types: [type.id] }), results)), results);
  const byType = new Map<string, number>();
  for (const p of paths) byType.set(p.apId, (byType.get(p.apId) ?? 0) + 1);
  results.push(['paths', `${paths.length} (${[...byType].sort().map(([k, v]) => `${k}:${v}`).join(' ')})`]);
  const points = timed('choke points (dominators over the found paths)', () => graphQueries.chokePointsOfPaths(csr, paths, 10), results);
  results.push(['top choke point', points[0] ? `${points[0].nodeId} breaks ${points[0].pathsBroken}` : '-']);
  const someRole = graph.nodes.find((n) => n.kind === 'RamRole' && !n.admin)?.id ?? 'internet';
  const radius = timed('blast radius of the internet', () => graphQueries.blastRadius(csr, 'internet'), results);
  results.push(['internet blast radius', `${radius.length} nodes`]);
  timed('blast radius of a role', () => graphQueries.blastRadius(csr, someRole), results);
  const first = paths.find((p) => p.hops >= 3);
  if (first) timed('5 alternatives (Yen) of one path', () => graphQueries.kShortest(csr, { fromId: first.entryId, toId: first.targetId, k: 5, type: first.type }), results);
  const analyzer = new AttackPathAnalyzer(new EmbeddedGraphStore());
  await timedAsync('analyzer load (build + store)', () => analyzer.load(assets), results);
  const group = assets.find((a) => a.resourceType === RESOURCE_TYPES.securityGroup)!;
  const delta = await timedAsync('applyAssetChanges(1 security group) (rebuild + diff)', () => analyzer.applyAssetChanges([{ ...group, configuration: { ...group.configuration, rules: [] } }]), results);
  results.push(['delta', JSON.stringify(delta)]);
  results.push(['heap used', `${Math.round(process.memoryUsage().heapUsed / 1048576)} MB`]);
  const width = Math.max(...results.map(([k]) => k.length));
  for (const [k, v] of results) console.log(`${k.padEnd(width)}  ${v}`);
}
