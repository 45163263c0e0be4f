import type {
  DiskConfiguration, EcsInstanceConfiguration, NetworkInterfaceConfiguration, SecurityGroupConfiguration,
  SecurityGroupProtocol, SecurityGroupRule,
} from '@rampart/asset-model';
import { paramValue } from '../call-index';
import { link, type NormaliseContext } from '../normalise-context';
import { readTags, type JsonObject, type ResponseReader } from '../response-reader';
import { actionsOf, type ProductNormaliser } from './product-normaliser';

const P = 'Ecs';
const PROTOCOLS: ReadonlySet<string> = new Set(['tcp', 'udp', 'icmp', 'icmpv6', 'gre', 'all']);

/** Instances, security groups (with their rules), disks and ENIs, linked to each other and to VPC, VSwitch and RAM role. */
export const ecsNormaliser: ProductNormaliser = {
  name: 'ecs',
  actions: actionsOf(P, [
    'DescribeInstances', 'DescribeInstanceRamRole', 'DescribeSecurityGroups', 'DescribeSecurityGroupAttribute',
    'DescribeDisks', 'DescribeNetworkInterfaces',
  ]),
  normalise(ctx) {
    normaliseSecurityGroups(ctx);
    const enisByInstance = normaliseNetworkInterfaces(ctx);
    const disksByInstance = normaliseDisks(ctx);
    normaliseInstances(ctx, enisByInstance, disksByInstance);
  },
};

function regionOf(call: { region: string | null }, reader: ResponseReader, body: JsonObject): string | null {
  return call.region ?? reader.str(body, 'RegionId', '');
}

// ── security groups ─────────────────────────────────────────────────────────────────────────────

function normaliseSecurityGroups(ctx: NormaliseContext): void {
  for (const { ic, reader, body } of ctx.listBodies(P, 'DescribeSecurityGroups')) {
    const region = regionOf(ic.call, reader, body);
    for (const { value: g, at } of reader.list(body, 'SecurityGroups', 'SecurityGroup', '')) {
      const groupId = reader.id(g, 'SecurityGroupId', at);
      if (groupId === null) continue;
      const vpcId = reader.str(g, 'VpcId', at);
      const config: SecurityGroupConfiguration = {
        securityGroupId: groupId,
        securityGroupType: reader.str(g, 'SecurityGroupType', at) ?? 'normal',
        vpcId,
        description: reader.str(g, 'Description', at),
        rules: [],
        innerAccessPolicy: null,
      };
      const asset = ctx.emit(ctx.newAsset('securityGroup', 'ECS', region, region, groupId, reader.str(g, 'SecurityGroupName', at), readTags(reader, g, at), config));
      if (asset.configuration !== config) continue;
      if (vpcId !== null) link(asset, 'IN_VPC', ctx.id('vpc', region, vpcId));

      const outcome = ctx.detail(P, 'DescribeSecurityGroupAttribute', 'SecurityGroupId', groupId);
      if (!ctx.noteOutcome(asset, ['rules', 'innerAccessPolicy'], `${P}:DescribeSecurityGroupAttribute`, outcome)) continue;
      if (outcome.kind !== 'answered') continue;
      for (const page of outcome.calls) {
        const detail = ctx.bodyOf(page);
        if (detail === null) continue;
        const direction = directionOf(paramValue(page.call.params, 'Direction'));
        const policy = detail.reader.str(detail.body, 'InnerAccessPolicy', '');
        if (policy !== null) config.innerAccessPolicy = policy.toLowerCase() === 'drop' ? 'Drop' : 'Accept';
        for (const { value: p, at: pAt } of detail.reader.list(detail.body, 'Permissions', 'Permission', '')) {
          const rule = readSecurityGroupRule(detail.reader, p, pAt, direction);
          if (rule === null) continue;
          config.rules.push(rule);
          const peer = rule.sourceGroupId ?? detail.reader.str(p, 'DestGroupId', pAt);
          if (peer !== null && peer !== groupId) {
            link(asset, 'REFERENCES_SG', ctx.id('securityGroup', region, peer), {
              direction: rule.direction, policy: rule.policy, protocol: rule.protocol, portRange: rule.portRange, priority: rule.priority,
            });
          }
        }
      }
    }
  }
}

function directionOf(value: string | null): 'ingress' | 'egress' | null {
  const v = value?.toLowerCase();
  return v === 'ingress' || v === 'egress' ? v : null;
}

/**
 * One `Permissions.Permission[]` entry. Protocol is lower-cased; `-1/-1` means every port for TCP, UDP and ALL
 * (1..65535) and "no port" for ICMP and GRE (-1..-1); Priority defaults to 1, Policy to Accept, as the API does.
 */
export function readSecurityGroupRule(
  reader: ResponseReader, p: JsonObject, at: string, callDirection: 'ingress' | 'egress' | null,
): SecurityGroupRule | null {
  const rawDirection = reader.str(p, 'Direction', at);
  const direction = directionOf(rawDirection) ?? (rawDirection === null ? callDirection ?? 'ingress' : null);
  if (direction === null) {
    reader.fail(`${at}.Direction`, `expected ingress or egress, got ${JSON.stringify(rawDirection)}`);
    return null;
  }
  const rawPolicy = reader.str(p, 'Policy', at);
  const policy = rawPolicy === null ? 'accept' : rawPolicy.toLowerCase();
  if (policy !== 'accept' && policy !== 'drop') {
    reader.fail(`${at}.Policy`, `expected Accept or Drop, got ${JSON.stringify(rawPolicy)}`);
    return null;
  }
  const rawProtocol = reader.str(p, 'IpProtocol', at);
  const protocol = rawProtocol?.toLowerCase() ?? null;
  if (protocol === null || !PROTOCOLS.has(protocol)) {
    reader.fail(`${at}.IpProtocol`, rawProtocol === null ? 'missing' : `unknown protocol ${JSON.stringify(rawProtocol)}`);
    return null;
  }
  const portRange = reader.str(p, 'PortRange', at) ?? '-1/-1';
  const ports = parsePortRange(portRange, protocol as SecurityGroupProtocol);
  if (ports === null) {
    reader.fail(`${at}.PortRange`, `expected "from/to", got ${JSON.stringify(portRange)}`);
    return null;
  }
  const priority = reader.num(p, 'Priority', at) ?? 1;
  return {
    direction,
    policy,
    protocol: protocol as SecurityGroupProtocol,
    portFrom: ports[0],
    portTo: ports[1],
    portRange,
    sourceCidrIp: reader.str(p, 'SourceCidrIp', at),
    ipv6SourceCidrIp: reader.str(p, 'Ipv6SourceCidrIp', at),
    sourceGroupId: reader.str(p, 'SourceGroupId', at),
    sourcePrefixListId: reader.str(p, 'SourcePrefixListId', at),
    destCidrIp: reader.str(p, 'DestCidrIp', at) ?? reader.str(p, 'Ipv6DestCidrIp', at),
    priority,
    nicType: reader.str(p, 'NicType', at),
    description: reader.str(p, 'Description', at),
  };
}

export function parsePortRange(range: string, protocol: SecurityGroupProtocol): [number, number] | null {
  const match = /^\s*(-?\d+)\s*\/\s*(-?\d+)\s*$/.exec(range);
  if (match === null) return null;
  const from = Number(match[1]);
  const to = Number(match[2]);
  if (from === -1 && to === -1) {
    return protocol === 'tcp' || protocol === 'udp' || protocol === 'all' ? [1, 65535] : [-1, -1];
  }
  if (from < 0 || to < from || to > 65535) return null;
  return [from, to];
}

// ── network interfaces ──────────────────────────────────────────────────────────────────────────

function normaliseNetworkInterfaces(ctx: NormaliseContext): Map<string, string[]> {
  const byInstance = new Map<string, string[]>();
  for (const { ic, reader, body } of ctx.listBodies(P, 'DescribeNetworkInterfaces')) {
    const region = regionOf(ic.call, reader, body);
    for (const { value: n, at } of reader.list(body, 'NetworkInterfaceSets', 'NetworkInterfaceSet', '')) {
      const eniId = reader.id(n, 'NetworkInterfaceId', at);
      if (eniId === null) continue;
      const attachment = reader.obj(n, 'Attachment', at);
      const instanceId = reader.str(n, 'InstanceId', at) ?? (attachment ? reader.str(attachment, 'InstanceId', `${at}.Attachment`) : null);
      const vpcId = reader.str(n, 'VpcId', at);
      const vSwitchId = reader.str(n, 'VSwitchId', at);
      const securityGroupIds = reader.strings(n, 'SecurityGroupIds', 'SecurityGroupId', at);
      const privateIps = new Set<string>();
      const primary = reader.str(n, 'PrivateIpAddress', at);
      if (primary !== null) privateIps.add(primary);
      for (const { value: s, at: sAt } of reader.list(n, 'PrivateIpSets', 'PrivateIpSet', at)) {
        const ip = reader.str(s, 'PrivateIpAddress', sAt);
        if (ip !== null) privateIps.add(ip);
      }
      const publicIp = reader.obj(n, 'AssociatedPublicIp', at);
      const config: NetworkInterfaceConfiguration = {
        networkInterfaceId: eniId,
        instanceId,
        type: reader.str(n, 'Type', at) ?? 'Secondary',
        status: reader.str(n, 'Status', at) ?? 'Unknown',
        vpcId,
        vSwitchId,
        securityGroupIds,
        privateIpAddresses: [...privateIps],
        publicIpAddress: publicIp ? reader.str(publicIp, 'PublicIpAddress', `${at}.AssociatedPublicIp`) : null,
      };
      const asset = ctx.emit(ctx.newAsset('networkInterface', 'ECS', region, region, eniId, reader.str(n, 'NetworkInterfaceName', at), readTags(reader, n, at), config));
      if (asset.configuration !== config) continue;
      if (vpcId !== null) {
        link(asset, 'IN_VPC', ctx.id('vpc', region, vpcId));
        ctx.eniVpc.set(eniId, vpcId);
      }
      if (vSwitchId !== null) link(asset, 'IN_VSWITCH', ctx.id('vSwitch', region, vSwitchId));
      for (const sg of securityGroupIds) link(asset, 'MEMBER_OF_SG', ctx.id('securityGroup', region, sg));
      if (instanceId !== null) {
        link(asset, 'ATTACHED_TO', ctx.id('ecsInstance', region, instanceId));
        const list = byInstance.get(instanceId);
        if (list) list.push(eniId);
        else byInstance.set(instanceId, [eniId]);
        if (vpcId !== null) {
          const instanceAssetId = ctx.id('ecsInstance', region, instanceId);
          for (const ip of privateIps) ctx.instanceByPrivateIp.set(`${vpcId}|${ip}`, instanceAssetId);
        }
      }
    }
  }
  return byInstance;
}

// ── disks ───────────────────────────────────────────────────────────────────────────────────────

function normaliseDisks(ctx: NormaliseContext): Map<string, string[]> {
  const byInstance = new Map<string, string[]>();
  for (const { ic, reader, body } of ctx.listBodies(P, 'DescribeDisks')) {
    const region = regionOf(ic.call, reader, body);
    for (const { value: d, at } of reader.list(body, 'Disks', 'Disk', '')) {
      const diskId = reader.id(d, 'DiskId', at);
      if (diskId === null) continue;
      let instanceId = reader.str(d, 'InstanceId', at);
      if (instanceId === null) {
        const attachments = reader.list(d, 'Attachments', 'Attachment', at);
        if (attachments.length > 0) instanceId = reader.str(attachments[0].value, 'InstanceId', attachments[0].at);
      }
      const kmsKeyId = reader.str(d, 'KMSKeyId', at);
      const config: DiskConfiguration = {
        diskId,
        instanceId,
        type: reader.str(d, 'Type', at) ?? 'data',
        category: reader.str(d, 'Category', at) ?? 'unknown',
        status: reader.str(d, 'Status', at) ?? 'Unknown',
        encrypted: reader.bool(d, 'Encrypted', at) ?? false,
        kmsKeyId,
        sizeGiB: reader.num(d, 'Size', at),
      };
      const asset = ctx.emit(ctx.newAsset('disk', 'ECS', region, region, diskId, reader.str(d, 'DiskName', at), readTags(reader, d, at), config));
      if (asset.configuration !== config) continue;
      if (instanceId !== null) {
        link(asset, 'ATTACHED_TO', ctx.id('ecsInstance', region, instanceId));
        const list = byInstance.get(instanceId);
        if (list) list.push(diskId);
        else byInstance.set(instanceId, [diskId]);
      }
      if (kmsKeyId !== null) link(asset, 'ENCRYPTED_WITH', ctx.id('kmsKey', region, kmsKeyId));
    }
  }
  return byInstance;
}

// ── instances ───────────────────────────────────────────────────────────────────────────────────

function instanceRoles(ctx: NormaliseContext): Map<string, string> {
  const roles = new Map<string, string>();
  for (const ic of ctx.index.of(P, 'DescribeInstanceRamRole')) {
    const detail = ctx.bodyOf(ic);
    if (detail === null) continue;
    for (const { value: s, at } of detail.reader.list(detail.body, 'InstanceRamRoleSets', 'InstanceRamRoleSet', '')) {
      const instanceId = detail.reader.str(s, 'InstanceId', at);
      const roleName = detail.reader.str(s, 'RamRoleName', at);
      if (instanceId !== null && roleName !== null) roles.set(instanceId, roleName);
    }
  }
  return roles;
}

function normaliseInstances(ctx: NormaliseContext, enisByInstance: Map<string, string[]>, disksByInstance: Map<string, string[]>): void {
  const roles = instanceRoles(ctx);
  const roleCoverage = ctx.coverage(P, 'DescribeInstanceRamRole', 'InstanceIds');
  for (const { ic, reader, body } of ctx.listBodies(P, 'DescribeInstances')) {
    const region = regionOf(ic.call, reader, body);
    for (const { value: i, at } of reader.list(body, 'Instances', 'Instance', '')) {
      const instanceId = reader.id(i, 'InstanceId', at);
      if (instanceId === null) continue;
      const vpcAttributes = reader.obj(i, 'VpcAttributes', at);
      const vAt = `${at}.VpcAttributes`;
      const vpcId = vpcAttributes ? reader.str(vpcAttributes, 'VpcId', vAt) : null;
      const vSwitchId = vpcAttributes ? reader.str(vpcAttributes, 'VSwitchId', vAt) : null;
      const privateIps = vpcAttributes ? reader.strings(vpcAttributes, 'PrivateIpAddress', 'IpAddress', vAt) : [];
      if (privateIps.length === 0) privateIps.push(...reader.strings(i, 'InnerIpAddress', 'IpAddress', at));
      const eip = reader.obj(i, 'EipAddress', at);
      const eipAllocationId = eip ? reader.str(eip, 'AllocationId', `${at}.EipAddress`) : null;
      const metadata = reader.obj(i, 'MetadataOptions', at);
      const networkInterfaceIds = new Set<string>();
      for (const { value: n, at: nAt } of reader.list(i, 'NetworkInterfaces', 'NetworkInterface', at)) {
        const eniId = reader.str(n, 'NetworkInterfaceId', nAt);
        if (eniId !== null) networkInterfaceIds.add(eniId);
      }
      for (const eniId of enisByInstance.get(instanceId) ?? []) networkInterfaceIds.add(eniId);
      const securityGroupIds = reader.strings(i, 'SecurityGroupIds', 'SecurityGroupId', at);

      const config: EcsInstanceConfiguration = {
        instanceId,
        status: reader.str(i, 'Status', at) ?? 'Unknown',
        instanceType: reader.str(i, 'InstanceType', at) ?? 'unknown',
        osType: reader.str(i, 'OSType', at)?.toLowerCase() ?? null,
        osName: reader.str(i, 'OSName', at),
        imageId: reader.str(i, 'ImageId', at),
        zoneId: reader.str(i, 'ZoneId', at),
        vpcId,
        vSwitchId,
        privateIpAddresses: privateIps,
        publicIpAddresses: reader.strings(i, 'PublicIpAddress', 'IpAddress', at),
        eipAddress: eip ? reader.str(eip, 'IpAddress', `${at}.EipAddress`) : null,
        eipAllocationId,
        securityGroupIds,
        networkInterfaceIds: [...networkInterfaceIds],
        ramRoleName: null,
        deletionProtection: reader.bool(i, 'DeletionProtection', at),
        metadataHttpTokens: metadata ? reader.str(metadata, 'HttpTokens', `${at}.MetadataOptions`) : null,
        createdAt: reader.str(i, 'CreationTime', at),
      };
      const asset = ctx.emit(ctx.newAsset('ecsInstance', 'ECS', region, region, instanceId, reader.str(i, 'InstanceName', at), readTags(reader, i, at), config));
      if (asset.configuration !== config) continue;

      if (vpcId !== null) {
        link(asset, 'IN_VPC', ctx.id('vpc', region, vpcId));
        for (const ip of privateIps) ctx.instanceByPrivateIp.set(`${vpcId}|${ip}`, asset.id);
      }
      if (vSwitchId !== null) link(asset, 'IN_VSWITCH', ctx.id('vSwitch', region, vSwitchId));
      for (const sg of securityGroupIds) link(asset, 'MEMBER_OF_SG', ctx.id('securityGroup', region, sg));
      for (const eniId of networkInterfaceIds) link(asset, 'HAS_ENI', ctx.id('networkInterface', region, eniId));
      for (const diskId of disksByInstance.get(instanceId) ?? []) link(asset, 'HAS_DISK', ctx.id('disk', region, diskId));
      if (eipAllocationId !== null) link(asset, 'ASSOCIATED_WITH', ctx.id('eip', region, eipAllocationId));

      const roleOutcome = roleCoverage.outcome(ic.call.region, instanceId);
      if (ctx.noteOutcome(asset, ['ramRoleName'], `${P}:DescribeInstanceRamRole`, roleOutcome)) {
        const roleName = roles.get(instanceId) ?? null;
        config.ramRoleName = roleName;
        if (roleName !== null) link(asset, 'HAS_INSTANCE_ROLE', ctx.id('ramRole', null, roleName));
      }
    }
  }
}
