import type { RegionPlan } from './inventory.plan';
import type { Generation } from './inventory.topology';
import type { SeededRandom } from './seeded-random';

/** Calls `page(from, to, pageNumber)` for each page of `total` items (one empty page when there are none). */
export function paged(total: number, size: number, page: (from: number, to: number, pageNumber: number) => void): void {
  const pages = Math.max(1, Math.ceil(total / size));
  for (let p = 0; p < pages; p++) page(p * size, Math.min(total, (p + 1) * size), p + 1);
}

export function range<T>(from: number, to: number, map: (i: number) => T): T[] {
  const out: T[] = [];
  for (let i = from; i < to; i++) out.push(map(i));
  return out;
}

const WORLD = '0.0.0.0/0';
const ZONES = ['a', 'b', 'h', 'i', 'j', 'k'];

function zone(r: RegionPlan, n: number): string {
  return `${r.region}-${ZONES[n % ZONES.length]}`;
}

function tags(rng: SeededRandom, keyed: 'TagKey' | 'Key'): { Tag: Array<Record<string, string>> } {
  const env = rng.pick(['prod', 'prod', 'staging', 'dev']);
  const tag = (k: string, v: string): Record<string, string> => (keyed === 'TagKey' ? { TagKey: k, TagValue: v } : { Key: k, Value: v });
  return { Tag: rng.chance(0.8) ? [tag('env', env), tag('owner', rng.pick(['platform', 'payments', 'data', 'web']))] : [] };
}

interface Rule {
  Direction: 'ingress' | 'egress';
  Policy: 'Accept' | 'Drop';
  IpProtocol: string;
  PortRange: string;
  Priority: string;
  SourceCidrIp: string;
  SourceGroupId: string;
  DestCidrIp: string;
  Description: string;
}

function rule(direction: 'ingress' | 'egress', policy: 'Accept' | 'Drop', protocol: string, ports: string, priority: number, peer: { cidr?: string; group?: string }, description = ''): Rule {
  return {
    Direction: direction, Policy: policy, IpProtocol: protocol, PortRange: ports, Priority: String(priority),
    SourceCidrIp: direction === 'ingress' ? peer.cidr ?? '' : '', SourceGroupId: peer.group ?? '',
    DestCidrIp: direction === 'egress' ? peer.cidr ?? '' : '', Description: description,
  };
}

/** A realistic mix: mostly sane groups, some world-open SSH/RDP, some SSH shadowed by a higher-priority Drop. */
function groupRules(g: Generation, r: RegionPlan, s: number): Rule[] {
  const rng = g.rng('sg-rules', r.index, s);
  const v = s % r.vpcs;
  const rules: Rule[] = [];
  if (rng.chance(0.45)) rules.push(rule('ingress', 'Accept', 'TCP', '443/443', 1, { cidr: WORLD }, 'https'));
  if (rng.chance(0.3)) rules.push(rule('ingress', 'Accept', 'TCP', '80/80', 1, { cidr: WORLD }, 'http'));
  if (rng.chance(0.5)) rules.push(rule('ingress', 'Accept', 'TCP', '22/22', 1, { cidr: '10.0.0.0/8' }, 'ssh from office vpn'));
  if (rng.chance(0.08)) rules.push(rule('ingress', 'Accept', 'TCP', '22/22', 1, { cidr: WORLD }, 'temporary ssh'));
  if (rng.chance(0.04)) rules.push(rule('ingress', 'Accept', 'TCP', '3389/3389', 1, { cidr: WORLD }, 'rdp'));
  if (rng.chance(0.06)) {
    rules.push(rule('ingress', 'Accept', 'TCP', '22/22', 100, { cidr: WORLD }, 'legacy ssh'));
    rules.push(rule('ingress', 'Drop', 'TCP', '22/22', 1, { cidr: WORLD }, 'block ssh from the internet'));
  }
  if (rng.chance(0.02)) rules.push(rule('ingress', 'Accept', 'ALL', '-1/-1', 1, { cidr: WORLD }, 'debug'));
  if (rng.chance(0.03)) rules.push(rule('ingress', 'Accept', 'TCP', '3306/3306', 1, { cidr: WORLD }, 'mysql'));
  if (rng.chance(0.2)) rules.push(rule('ingress', 'Accept', 'ICMP', '-1/-1', 1, { cidr: WORLD }));
  if (g.sgsInVpc(r, v) > 1 && rng.chance(0.3)) {
    rules.push(rule('ingress', 'Accept', 'ALL', '-1/-1', 1, { group: g.sgId(r, g.sgInVpc(r, v, rng.int(0, 5))) }));
  }
  if (rng.chance(0.3)) rules.push(rule('ingress', 'Accept', 'TCP', '8000/9000', 10, { cidr: g.vpcCidr(v) }, 'app ports inside the VPC'));
  rules.push(rule('egress', 'Accept', 'ALL', '-1/-1', 1, { cidr: WORLD }));
  return rules;
}

/** ECS (instances, groups, disks, ENIs, RAM roles), VPC (VPCs, VSwitches, EIPs, flow logs, NAT) and SLB of one region. */
export function emitCompute(g: Generation, r: RegionPlan, isLastRegion: boolean): void {
  emitVpcs(g, r);
  emitSecurityGroups(g, r);
  emitInstances(g, r, isLastRegion);
  emitNetworkInterfaces(g, r);
  emitDisks(g, r);
  emitEips(g, r);
  emitNatGateways(g, r);
  emitLoadBalancers(g, r);
}

function emitVpcs(g: Generation, r: RegionPlan): void {
  paged(r.vpcs, 50, (from, to, page) => g.ok('Vpc', 'DescribeVpcs', r.region, { RegionId: r.region, PageNumber: page, PageSize: 50 }, {
    PageNumber: page, PageSize: 50, TotalCount: r.vpcs,
    Vpcs: { Vpc: range(from, to, (v) => {
      const rng = g.rng('vpc', r.index, v);
      return {
        VpcId: g.vpcId(r, v), VpcName: v === 0 ? 'default' : `vpc-${rng.pick(['prod', 'staging', 'shared', 'data'])}-${v}`, CidrBlock: g.vpcCidr(v),
        Ipv6CidrBlock: '', IsDefault: v === 0, Status: 'Available', RegionId: r.region, CreationTime: rng.date(2019, 2025), Description: '',
        VSwitchIds: { VSwitchId: range(0, Math.floor((r.vSwitches - 1 - v) / r.vpcs) + 1, (n) => g.vSwitchId(r, g.vSwitchInVpc(r, v, n))) },
        Tags: tags(rng, 'Key'),
      };
    }) },
  }));
  paged(r.vSwitches, 50, (from, to, page) => g.ok('Vpc', 'DescribeVSwitches', r.region, { RegionId: r.region, PageNumber: page, PageSize: 50 }, {
    PageNumber: page, PageSize: 50, TotalCount: r.vSwitches,
    VSwitches: { VSwitch: range(from, to, (j) => ({
      VSwitchId: g.vSwitchId(r, j), VSwitchName: `vsw-${j}`, VpcId: g.vpcId(r, g.vpcOfVSwitch(r, j)), CidrBlock: g.vSwitchCidr(r, j),
      ZoneId: zone(r, j), Status: 'Available', IsDefault: false, AvailableIpAddressCount: 200, Tags: { Tag: [] },
    })) },
  }));
  // Flow logs on some VPCs, delivered to the region's first log project.
  const flowVpcs = range(0, r.vpcs, (v) => v).filter((v) => g.rng('flowlog', r.index, v).chance(0.4));
  paged(flowVpcs.length, 50, (from, to, page) => g.ok('Vpc', 'DescribeFlowLogs', r.region, { RegionId: r.region, PageNumber: page, PageSize: 50 }, {
    Success: 'true', PageNumber: String(page), PageSize: '50', TotalCount: String(flowVpcs.length),
    FlowLogs: { FlowLog: flowVpcs.slice(from, to).map((v) => {
      const rng = g.rng('flowlog', r.index, v);
      return {
        FlowLogId: g.id('fl', 'flowlog', r, v), FlowLogName: `flow-${v}`, ResourceType: 'VPC', ResourceId: g.vpcId(r, v),
        Status: rng.chance(0.85) ? 'Active' : 'Inactive', TrafficType: rng.pick(['All', 'All', 'Drop']), RegionId: r.region,
        ProjectName: r.slsProjects > 0 ? g.slsProjectName(r, 0) : `${r.region}-flowlogs`, LogStoreName: 'flowlog', CreationTime: rng.date(2023, 2026),
      };
    }) },
  }));
}

function emitSecurityGroups(g: Generation, r: RegionPlan): void {
  paged(r.securityGroups, 50, (from, to, page) => g.ok('Ecs', 'DescribeSecurityGroups', r.region, { RegionId: r.region, PageNumber: page, PageSize: 50 }, {
    RegionId: r.region, PageNumber: page, PageSize: 50, TotalCount: r.securityGroups,
    SecurityGroups: { SecurityGroup: range(from, to, (s) => {
      const rng = g.rng('sg', r.index, s);
      return {
        SecurityGroupId: g.sgId(r, s), SecurityGroupName: `sg-${rng.pick(['web', 'app', 'db', 'bastion', 'k8s', 'cache'])}-${s}`, Description: '',
        VpcId: g.vpcId(r, s % r.vpcs), SecurityGroupType: rng.chance(0.1) ? 'enterprise' : 'normal', CreationTime: rng.date(2019, 2026),
        ServiceManaged: false, Tags: tags(rng, 'TagKey'),
      };
    }) },
  }));
  for (let s = 0; s < r.securityGroups; s++) {
    g.ok('Ecs', 'DescribeSecurityGroupAttribute', r.region, { RegionId: r.region, SecurityGroupId: g.sgId(r, s), Direction: 'all' }, {
      RegionId: r.region, SecurityGroupId: g.sgId(r, s), VpcId: g.vpcId(r, s % r.vpcs), Description: '',
      InnerAccessPolicy: g.rng('sg', r.index, s).chance(0.2) ? 'Drop' : 'Accept',
      Permissions: { Permission: groupRules(g, r, s).map((p) => ({ ...p, NicType: 'intranet', Ipv6SourceCidrIp: '', SourcePrefixListId: '', CreateTime: '2025-01-01T00:00:00Z' })) },
    });
  }
}

function emitInstances(g: Generation, r: RegionPlan, isLastRegion: boolean): void {
  paged(r.instances, 100, (from, to, page) => g.ok('Ecs', 'DescribeInstances', r.region, { RegionId: r.region, PageNumber: page, PageSize: 100 }, {
    PageNumber: page, PageSize: 100, TotalCount: r.instances, NextToken: '',
    Instances: { Instance: range(from, to, (i) => instance(g, r, i)) },
  }));
  // RAM roles, asked for in batches of 100 instances; one batch of the last region is denied.
  const ecsRoles = g.ecsRoleCount();
  paged(r.instances, 100, (from, to, page) => {
    const params = { RegionId: r.region, InstanceIds: JSON.stringify(range(from, to, (i) => g.instanceId(r, i))), PageSize: 100 };
    if (isLastRegion && page === 1) {
      g.fail('Ecs', 'DescribeInstanceRamRole', r.region, params, 'Forbidden.RAM', 'User not authorized to operate on the specified resource, or this API doesn\'t support RAM.');
      return;
    }
    const sets = range(from, to, (i) => i).filter((i) => g.rng('instance-role', r.index, i).chance(0.25)).map((i) => ({
      InstanceId: g.instanceId(r, i), RamRoleName: g.roleName(2 * ((i * 7 + r.index) % ecsRoles)),
    }));
    g.ok('Ecs', 'DescribeInstanceRamRole', r.region, params, { RegionId: r.region, TotalCount: sets.length, InstanceRamRoleSets: { InstanceRamRoleSet: sets } });
  });
}

function instance(g: Generation, r: RegionPlan, i: number): Record<string, unknown> {
  const rng = g.rng('instance', r.index, i);
  const windows = rng.chance(0.12);
  const v = g.vpcOfInstance(r, i);
  const sgs = [g.sgId(r, g.sgInVpc(r, v, i))];
  if (g.sgsInVpc(r, v) > 1 && rng.chance(0.15)) {
    const second = g.sgId(r, g.sgInVpc(r, v, i + 1));
    if (second !== sgs[0]) sgs.push(second);
  }
  const e = g.instanceEip(r, i);
  const created = rng.date(2019, 2026);
  const name = `${rng.pick(['web', 'api', 'worker', 'batch', 'bastion', 'db-proxy', 'jump'])}-${i}`;
  return {
    InstanceId: g.instanceId(r, i), InstanceName: name, HostName: name, Description: '', RegionId: r.region, ZoneId: zone(r, g.vSwitchOfInstance(r, i)),
    Status: rng.chance(0.9) ? 'Running' : 'Stopped', InstanceType: rng.pick(['ecs.g7.large', 'ecs.c7.xlarge', 'ecs.r7.2xlarge', 'ecs.t6-c1m2.large']),
    Cpu: 2, Memory: 8192, InstanceChargeType: rng.pick(['PrePaid', 'PostPaid']), InstanceNetworkType: 'vpc',
    OSType: windows ? 'windows' : 'linux',
    OSName: windows ? 'Windows Server  2022 数据中心版 64位中文版' : rng.pick(['Alibaba Cloud Linux  3.2104 LTS 64位', 'Ubuntu  22.04 64位', 'CentOS  7.9 64位']),
    ImageId: windows ? 'win2022_21H2_x64_dtc_zh-cn_40G_alibase_20250115.vhd' : 'aliyun_3_x64_20G_alibase_20250117.vhd',
    CreationTime: created.slice(0, 16) + 'Z', StartTime: created.slice(0, 16) + 'Z', DeletionProtection: rng.chance(0.3),
    VpcAttributes: { VpcId: g.vpcId(r, v), VSwitchId: g.vSwitchId(r, g.vSwitchOfInstance(r, i)), NatIpAddress: '', PrivateIpAddress: { IpAddress: [g.instanceIp(r, i)] } },
    InnerIpAddress: { IpAddress: [] },
    PublicIpAddress: { IpAddress: e === null && rng.chance(0.1) ? [`47.${100 + r.index}.${(i >> 8) & 255}.${i & 255}`] : [] },
    EipAddress: e === null
      ? { AllocationId: '', IpAddress: '', Bandwidth: 0, InternetChargeType: '' }
      : { AllocationId: g.eipId(r, e), IpAddress: eipAddress(r, e), Bandwidth: 5, InternetChargeType: 'PayByTraffic' },
    SecurityGroupIds: { SecurityGroupId: sgs },
    NetworkInterfaces: { NetworkInterface: [{ NetworkInterfaceId: g.eniId(r, i), Type: 'Primary', PrimaryIpAddress: g.instanceIp(r, i), MacAddress: '00:16:3e:00:00:01' }] },
    MetadataOptions: { HttpEndpoint: 'enabled', HttpTokens: rng.chance(0.4) ? 'required' : 'optional', HttpPutResponseHopLimit: 1 },
    Tags: tags(rng, 'TagKey'), OperationLocks: { LockReason: [] },
  };
}

function eipAddress(r: RegionPlan, e: number): string {
  return `39.${96 + r.index}.${(e >> 8) & 255}.${e & 255}`;
}

function emitNetworkInterfaces(g: Generation, r: RegionPlan): void {
  const total = r.instances + r.secondaryEnis;
  paged(total, 100, (from, to, page) => g.ok('Ecs', 'DescribeNetworkInterfaces', r.region, { RegionId: r.region, PageNumber: page, PageSize: 100 }, {
    PageNumber: page, PageSize: 100, TotalCount: total, NextToken: '',
    NetworkInterfaceSets: { NetworkInterfaceSet: range(from, to, (n) => {
      const primary = n < r.instances;
      const k = n - r.instances;
      const i = primary ? n : g.secondaryEniInstance(r, k);
      const ip = primary ? g.instanceIp(r, n) : g.secondaryIp(r, k);
      const v = i === null ? k % r.vpcs : g.vpcOfInstance(r, i);
      const e = primary ? g.instanceEip(r, n) : null;
      const set: Record<string, unknown> = {
        NetworkInterfaceId: g.eniId(r, n), NetworkInterfaceName: primary ? '' : `secondary-${k}`, Type: primary ? 'Primary' : 'Secondary',
        Status: i === null ? 'Available' : 'InUse', VpcId: g.vpcId(r, v),
        VSwitchId: g.vSwitchId(r, i === null ? g.vSwitchInVpc(r, v, k) : g.vSwitchOfInstance(r, i)), ZoneId: zone(r, n),
        PrivateIpAddress: ip, MacAddress: '00:16:3e:00:00:02',
        SecurityGroupIds: { SecurityGroupId: [g.sgId(r, g.sgInVpc(r, v, i ?? k))] },
        PrivateIpSets: { PrivateIpSet: [{ PrivateIpAddress: ip, Primary: true }] },
        AssociatedPublicIp: e === null ? {} : { PublicIpAddress: eipAddress(r, e), AllocationId: g.eipId(r, e) },
        Tags: { Tag: [] }, CreationTime: '2025-01-01T00:00:00Z',
      };
      if (i !== null) {
        if (primary) set.InstanceId = g.instanceId(r, i);
        else set.Attachment = { InstanceId: g.instanceId(r, i), DeviceIndex: 1 };
      }
      return set;
    }) },
  }));
}

function emitDisks(g: Generation, r: RegionPlan): void {
  const total = r.instances + r.dataDisks;
  paged(total, 100, (from, to, page) => g.ok('Ecs', 'DescribeDisks', r.region, { RegionId: r.region, PageNumber: page, PageSize: 100 }, {
    PageNumber: page, PageSize: 100, TotalCount: total, NextToken: '',
    Disks: { Disk: range(from, to, (d) => {
      const rng = g.rng('disk', r.index, d);
      const system = d < r.instances;
      const i = system ? d : g.dataDiskInstance(r, d - r.instances);
      const encrypted = rng.chance(system ? 0.3 : 0.45);
      const kms = encrypted && r.kmsKeys > 0 && rng.chance(0.5) ? g.kmsKeyId(r, d % r.kmsKeys) : '';
      return {
        DiskId: g.diskId(r, d), DiskName: system ? `system-${d}` : `data-${d}`, Description: '', Type: system ? 'system' : 'data',
        Category: rng.pick(['cloud_essd', 'cloud_essd', 'cloud_efficiency', 'cloud_ssd']), Status: i === null ? 'Available' : 'In_use',
        InstanceId: i === null ? '' : g.instanceId(r, i), Encrypted: encrypted, KMSKeyId: kms, Size: system ? 40 : rng.pick([100, 200, 500, 1024]),
        RegionId: r.region, ZoneId: zone(r, d), DeleteWithInstance: system, Portable: !system,
        Attachments: { Attachment: i === null ? [] : [{ InstanceId: g.instanceId(r, i), Device: system ? '/dev/xvda' : '/dev/xvdb' }] },
        Tags: { Tag: [] },
      };
    }) },
  }));
}

function emitEips(g: Generation, r: RegionPlan): void {
  paged(r.eips, 100, (from, to, page) => g.ok('Vpc', 'DescribeEipAddresses', r.region, { RegionId: r.region, PageNumber: page, PageSize: 100 }, {
    PageNumber: page, PageSize: 100, TotalCount: r.eips,
    EipAddresses: { EipAddress: range(from, to, (e) => {
      const binding = g.eipBinding(r, e);
      const target = binding === null ? '' : binding.type === 'EcsInstance' ? g.instanceId(r, binding.index) : binding.type === 'Nat' ? g.natId(r, binding.index) : g.lbId(r, binding.index);
      return {
        AllocationId: g.eipId(r, e), IpAddress: eipAddress(r, e), Status: binding === null ? 'Available' : 'InUse', InstanceType: binding?.type ?? '',
        InstanceId: target, InstanceRegionId: binding === null ? '' : r.region, Bandwidth: String(binding?.type === 'Nat' ? 100 : 5), Name: '',
        ISP: 'BGP', RegionId: r.region, InternetChargeType: 'PayByTraffic', AllocationTime: '2025-01-01T00:00:00Z', Tags: { Tag: [] },
      };
    }) },
  }));
}

function emitNatGateways(g: Generation, r: RegionPlan): void {
  paged(r.natGateways, 50, (from, to, page) => g.ok('Vpc', 'DescribeNatGateways', r.region, { RegionId: r.region, PageNumber: page, PageSize: 50 }, {
    PageNumber: page, PageSize: 50, TotalCount: r.natGateways,
    NatGateways: { NatGateway: range(from, to, (n) => {
      const e = 10 * n + 8;
      return {
        NatGatewayId: g.natId(r, n), Name: `nat-${n}`, VpcId: g.vpcId(r, n % r.vpcs), NatType: 'Enhanced', NetworkType: 'internet', Status: 'Available',
        RegionId: r.region, IpLists: { IpList: e < r.eips ? [{ AllocationId: g.eipId(r, e), IpAddress: eipAddress(r, e), UsingStatus: 'UsedByForwardTable' }] : [] },
        ForwardTableIds: { ForwardTableId: [g.id('ftb', 'ftb', r, n)] }, Tags: { Tag: [] },
      };
    }) },
  }));
  for (let n = 0; n < r.natGateways; n++) {
    const rng = g.rng('dnat', r.index, n);
    const v = n % r.vpcs;
    const e = 10 * n + 8;
    const external = e < r.eips ? eipAddress(r, e) : `39.${96 + r.index}.255.${n % 250}`;
    const entries = range(0, rng.int(1, 3), (k) => {
      const candidate = (n * 31 + k * 17) % Math.max(1, r.instances);
      const internal = r.instances > 0 && g.vpcOfInstance(r, candidate) === v ? g.instanceIp(r, candidate) : `10.${v % 250}.9.${k + 9}`;
      const ssh = rng.chance(0.25);
      return {
        ForwardEntryId: g.id('fwd', 'fwd', r, n * 4 + k), ForwardEntryName: ssh ? 'ssh' : 'web', ForwardTableId: g.id('ftb', 'ftb', r, n), NatGatewayId: g.natId(r, n),
        ExternalIp: external, ExternalPort: ssh ? String(2200 + k) : String(8080 + k), InternalIp: internal, InternalPort: ssh ? '22' : '80',
        IpProtocol: 'TCP', Status: 'Available',
      };
    });
    g.ok('Vpc', 'DescribeForwardTableEntries', r.region, { RegionId: r.region, ForwardTableId: g.id('ftb', 'ftb', r, n), PageSize: 50 }, {
      PageNumber: 1, PageSize: 50, TotalCount: entries.length, ForwardTableEntries: { ForwardTableEntry: entries },
    });
  }
}

function emitLoadBalancers(g: Generation, r: RegionPlan): void {
  const aclOf = (s: number, port: number): string => g.id('acl', 'acl', r, s * 3 + (port === 443 ? 0 : port === 80 ? 1 : 2));
  paged(r.loadBalancers, 100, (from, to, page) => g.ok('Slb', 'DescribeLoadBalancers', r.region, { RegionId: r.region, PageNumber: page, PageSize: 100 }, {
    PageNumber: page, PageSize: 100, TotalCount: r.loadBalancers,
    LoadBalancers: { LoadBalancer: range(from, to, (s) => {
      const rng = g.rng('lb', r.index, s);
      const internet = rng.chance(0.6);
      const v = s % r.vpcs;
      return {
        LoadBalancerId: g.lbId(r, s), LoadBalancerName: `lb-${s}`, LoadBalancerStatus: 'active', Address: internet ? `47.${110 + r.index}.${(s >> 8) & 255}.${s & 255}` : `10.${v % 250}.250.${s % 250}`,
        AddressType: internet ? 'internet' : 'intranet', AddressIPVersion: 'ipv4', NetworkType: 'vpc', VpcId: g.vpcId(r, v), VSwitchId: g.vSwitchId(r, g.vSwitchInVpc(r, v, s)),
        RegionId: r.region, MasterZoneId: zone(r, s), DeleteProtection: rng.chance(0.4) ? 'on' : 'off', CreateTime: '2025-01-01T00:00Z', Tags: tags(rng, 'TagKey'),
      };
    }) },
  }));
  const listenersOf = (s: number): Array<Record<string, unknown>> => {
    const rng = g.rng('listeners', r.index, s);
    const out: Array<Record<string, unknown>> = [];
    const listener = (port: number, protocol: string, backend: number, acl: 'white' | 'black' | null): Record<string, unknown> => ({
      LoadBalancerId: g.lbId(r, s), ListenerPort: port, ListenerProtocol: protocol, Status: 'running', BackendServerPort: backend, Bandwidth: -1, Scheduler: 'wrr',
      AclStatus: acl === null ? 'off' : 'on', ...(acl === null ? {} : { AclType: acl, AclId: aclOf(s, port) }), Description: `${protocol}_${port}`,
    });
    out.push(listener(443, 'https', 80, rng.chance(0.3) ? 'white' : null));
    if (rng.chance(0.6)) out.push(listener(80, 'http', 80, null));
    if (rng.chance(0.1)) out.push(listener(22, 'tcp', 22, rng.chance(0.5) ? 'black' : null));
    return out;
  };
  paged(r.loadBalancers, 20, (from, to) => g.ok('Slb', 'DescribeLoadBalancerListeners', r.region,
    { RegionId: r.region, LoadBalancerId: range(from, to, (s) => g.lbId(r, s)), MaxResults: 100 },
    { MaxResults: 100, NextToken: '', TotalCount: to - from, Listeners: range(from, to, listenersOf).flat() }));
  for (let s = 0; s < r.loadBalancers; s++) {
    const rng = g.rng('lb', r.index, s);
    const servers = range(0, r.instances === 0 ? 0 : rng.int(1, 3), (k) => (s * 3 + k) % r.instances)
      .filter((i, k, all) => all.indexOf(i) === k)
      .map((i) => ({ ServerId: g.instanceId(r, i), Port: 80, Weight: 100, Type: 'ecs', ServerIp: g.instanceIp(r, i), Description: '' }));
    g.ok('Slb', 'DescribeLoadBalancerAttribute', r.region, { RegionId: r.region, LoadBalancerId: g.lbId(r, s) }, {
      LoadBalancerId: g.lbId(r, s), LoadBalancerStatus: 'active', DeleteProtection: rng.chance(0.4) ? 'on' : 'off',
      BackendServers: { BackendServer: servers },
    });
    for (const l of listenersOf(s)) {
      if (typeof l.AclId !== 'string') continue;
      const aclRng = g.rng('acl', r.index, s);
      const entries = l.AclType === 'black'
        ? [{ AclEntryIP: '198.51.100.0/24', AclEntryComment: 'scanner' }]
        : aclRng.chance(0.1)
          ? [{ AclEntryIP: WORLD, AclEntryComment: 'temporary: everyone' }]
          : [{ AclEntryIP: '203.0.113.0/24', AclEntryComment: 'office' }, { AclEntryIP: '10.0.0.0/8', AclEntryComment: 'vpn' }];
      g.ok('Slb', 'DescribeAccessControlListAttribute', r.region, { RegionId: r.region, AclId: l.AclId }, {
        AclId: l.AclId, AclName: `acl-${s}`, AddressIPVersion: 'ipv4', AclEntrys: { AclEntry: entries },
      });
    }
  }
}
