import type {
  EcsInstanceConfiguration, EipConfiguration, FlowLogRef, ForwardEntry, NatGatewayConfiguration, ResourceTypeKey,
  VpcConfiguration, VSwitchConfiguration,
} from '@rampart/asset-model';
import { link, type NormaliseContext } from '../normalise-context';
import { readTags, type JsonObject, type ResponseReader } from '../response-reader';
import { actionsOf, type ProductNormaliser } from './product-normaliser';

const P = 'Vpc';

/** VPCs (with their flow logs), VSwitches, EIPs and NAT gateways (with DNAT entries resolved to ECS instances). */
export const vpcNormaliser: ProductNormaliser = {
  name: 'vpc',
  actions: actionsOf(P, [
    'DescribeVpcs', 'DescribeVSwitches', 'DescribeEipAddresses', 'DescribeFlowLogs', 'DescribeNatGateways',
    'DescribeForwardTableEntries',
  ]),
  normalise(ctx) {
    const vSwitchVpc = normaliseVSwitches(ctx);
    normaliseVpcs(ctx, vSwitchVpc);
    normaliseEips(ctx);
    normaliseNatGateways(ctx);
  },
};

function normaliseVSwitches(ctx: NormaliseContext): Map<string, { vpcId: string; region: string | null }> {
  const vSwitchVpc = new Map<string, { vpcId: string; region: string | null }>();
  for (const { ic, reader, body } of ctx.listBodies(P, 'DescribeVSwitches')) {
    const region = ic.call.region ?? reader.str(body, 'RegionId', '');
    for (const { value: v, at } of reader.list(body, 'VSwitches', 'VSwitch', '')) {
      const vSwitchId = reader.id(v, 'VSwitchId', at);
      const vpcId = reader.id(v, 'VpcId', at);
      if (vSwitchId === null || vpcId === null) continue;
      const config: VSwitchConfiguration = {
        vSwitchId, vpcId, cidrBlock: reader.str(v, 'CidrBlock', at), zoneId: reader.str(v, 'ZoneId', at),
      };
      const asset = ctx.emit(ctx.newAsset('vSwitch', 'VPC', region, region, vSwitchId, reader.str(v, 'VSwitchName', at), readTags(reader, v, at), config));
      if (asset.configuration !== config) continue;
      link(asset, 'IN_VPC', ctx.id('vpc', region, vpcId));
      vSwitchVpc.set(vSwitchId, { vpcId, region });
    }
  }
  return vSwitchVpc;
}

/** Flow logs by the VPC they watch (directly, or through one of its VSwitches or ENIs). */
function flowLogsByVpc(ctx: NormaliseContext, vSwitchVpc: Map<string, { vpcId: string }>): Map<string, Array<FlowLogRef & { region: string | null }>> {
  const byVpc = new Map<string, Array<FlowLogRef & { region: string | null }>>();
  for (const ic of ctx.index.of(P, 'DescribeFlowLogs')) {
    const page = ctx.bodyOf(ic);
    if (page === null) continue;
    const { reader, body } = page;
    for (const { value: f, at } of reader.list(body, 'FlowLogs', 'FlowLog', '')) {
      const flowLogId = reader.id(f, 'FlowLogId', at);
      const resourceType = reader.str(f, 'ResourceType', at);
      const resourceId = reader.str(f, 'ResourceId', at);
      if (flowLogId === null || resourceType === null || resourceId === null) continue;
      const vpcId = resourceType === 'VPC' ? resourceId
        : resourceType === 'VSwitch' ? vSwitchVpc.get(resourceId)?.vpcId
        : resourceType === 'NetworkInterface' ? ctx.eniVpc.get(resourceId) : undefined;
      if (vpcId === undefined) continue;
      const ref = {
        flowLogId, resourceType, resourceId,
        status: reader.str(f, 'Status', at) ?? 'Unknown',
        trafficType: reader.str(f, 'TrafficType', at) ?? 'All',
        projectName: reader.str(f, 'ProjectName', at),
        logStoreName: reader.str(f, 'LogStoreName', at),
        region: ic.call.region ?? reader.str(f, 'RegionId', at),
      };
      const list = byVpc.get(vpcId);
      if (list) list.push(ref);
      else byVpc.set(vpcId, [ref]);
    }
  }
  return byVpc;
}

function normaliseVpcs(ctx: NormaliseContext, vSwitchVpc: Map<string, { vpcId: string; region: string | null }>): void {
  const flowLogs = flowLogsByVpc(ctx, vSwitchVpc);
  const coverage = ctx.coverage(P, 'DescribeFlowLogs', 'VpcId');
  const vSwitchesOf = new Map<string, string[]>();
  for (const [vSwitchId, { vpcId }] of vSwitchVpc) {
    const list = vSwitchesOf.get(vpcId);
    if (list) list.push(vSwitchId);
    else vSwitchesOf.set(vpcId, [vSwitchId]);
  }
  for (const { ic, reader, body } of ctx.listBodies(P, 'DescribeVpcs')) {
    const region = ic.call.region ?? reader.str(body, 'RegionId', '');
    for (const { value: v, at } of reader.list(body, 'Vpcs', 'Vpc', '')) {
      const vpcId = reader.id(v, 'VpcId', at);
      if (vpcId === null) continue;
      const vSwitchIds = new Set(reader.strings(v, 'VSwitchIds', 'VSwitchId', at));
      for (const id of vSwitchesOf.get(vpcId) ?? []) vSwitchIds.add(id);
      const config: VpcConfiguration = {
        vpcId,
        cidrBlock: reader.str(v, 'CidrBlock', at),
        ipv6CidrBlock: reader.str(v, 'Ipv6CidrBlock', at),
        isDefault: reader.bool(v, 'IsDefault', at) ?? false,
        status: reader.str(v, 'Status', at) ?? 'Unknown',
        vSwitchIds: [...vSwitchIds],
        flowLogs: [],
      };
      const asset = ctx.emit(ctx.newAsset('vpc', 'VPC', region, region, vpcId, reader.str(v, 'VpcName', at), readTags(reader, v, at), config));
      if (asset.configuration !== config) continue;
      if (ctx.noteOutcome(asset, ['flowLogs'], `${P}:DescribeFlowLogs`, coverage.outcome(ic.call.region, vpcId))) {
        for (const { region: logRegion, ...ref } of flowLogs.get(vpcId) ?? []) {
          config.flowLogs.push(ref);
          if (ref.projectName !== null) link(asset, 'LOGS_TO_PROJECT', ctx.id('slsProject', logRegion ?? region, ref.projectName), { flowLogId: ref.flowLogId });
        }
      }
    }
  }
}

const EIP_TARGETS: Readonly<Record<string, ResourceTypeKey>> = {
  EcsInstance: 'ecsInstance', SlbInstance: 'loadBalancer', Nat: 'natGateway', NetworkInterface: 'networkInterface',
};

function normaliseEips(ctx: NormaliseContext): void {
  for (const { ic, reader, body } of ctx.listBodies(P, 'DescribeEipAddresses')) {
    const region = ic.call.region ?? reader.str(body, 'RegionId', '');
    for (const { value: e, at } of reader.list(body, 'EipAddresses', 'EipAddress', '')) {
      const allocationId = reader.id(e, 'AllocationId', at);
      const ipAddress = reader.id(e, 'IpAddress', at);
      if (allocationId === null || ipAddress === null) continue;
      const instanceType = reader.str(e, 'InstanceType', at);
      const instanceId = reader.str(e, 'InstanceId', at);
      const config: EipConfiguration = {
        allocationId, ipAddress,
        status: reader.str(e, 'Status', at) ?? 'Unknown',
        instanceType, instanceId,
        bandwidthMbps: reader.num(e, 'Bandwidth', at),
      };
      const asset = ctx.emit(ctx.newAsset('eip', 'EIP', region, region, allocationId, reader.str(e, 'Name', at), readTags(reader, e, at), config));
      if (asset.configuration !== config) continue;
      const targetKey = instanceType === null ? undefined : EIP_TARGETS[instanceType];
      if (targetKey === undefined || instanceId === null) continue;
      const targetRegion = reader.str(e, 'InstanceRegionId', at) ?? region;
      const targetId = ctx.id(targetKey, targetRegion, instanceId);
      link(asset, 'ASSOCIATED_WITH', targetId);
      const target = ctx.assets.get(targetId);
      if (target === undefined) continue;
      link(target, 'ASSOCIATED_WITH', asset.id);
      if (targetKey === 'ecsInstance') {
        // DescribeInstances leaves EipAddress empty when the EIP is bound through an ENI; the EIP list says it all.
        const instance = target.configuration as EcsInstanceConfiguration;
        if (instance.eipAddress === null) {
          instance.eipAddress = ipAddress;
          instance.eipAllocationId = allocationId;
        }
      }
    }
  }
}

function normaliseNatGateways(ctx: NormaliseContext): void {
  for (const { ic, reader, body } of ctx.listBodies(P, 'DescribeNatGateways')) {
    const region = ic.call.region ?? reader.str(body, 'RegionId', '');
    for (const { value: n, at } of reader.list(body, 'NatGateways', 'NatGateway', '')) {
      const natGatewayId = reader.id(n, 'NatGatewayId', at);
      if (natGatewayId === null) continue;
      const vpcId = reader.str(n, 'VpcId', at);
      const publicIps: string[] = [];
      const allocationIds: string[] = [];
      for (const { value: ip, at: ipAt } of reader.list(n, 'IpLists', 'IpList', at)) {
        const address = reader.str(ip, 'IpAddress', ipAt);
        const allocationId = reader.str(ip, 'AllocationId', ipAt);
        if (address !== null) publicIps.push(address);
        if (allocationId !== null) allocationIds.push(allocationId);
      }
      const config: NatGatewayConfiguration = {
        natGatewayId, vpcId, natType: reader.str(n, 'NatType', at), publicIpAddresses: publicIps, forwardEntries: [],
      };
      const asset = ctx.emit(ctx.newAsset('natGateway', 'VPC', region, region, natGatewayId, reader.str(n, 'Name', at), readTags(reader, n, at), config));
      if (asset.configuration !== config) continue;
      if (vpcId !== null) link(asset, 'IN_VPC', ctx.id('vpc', region, vpcId));
      for (const allocationId of allocationIds) link(asset, 'ASSOCIATED_WITH', ctx.id('eip', region, allocationId));

      for (const tableId of reader.strings(n, 'ForwardTableIds', 'ForwardTableId', at)) {
        const outcome = ctx.detail(P, 'DescribeForwardTableEntries', 'ForwardTableId', tableId);
        if (!ctx.noteOutcome(asset, ['forwardEntries'], `${P}:DescribeForwardTableEntries`, outcome) || outcome.kind !== 'answered') continue;
        for (const page of outcome.calls) {
          const detail = ctx.bodyOf(page);
          if (detail === null) continue;
          for (const { value: f, at: fAt } of detail.reader.list(detail.body, 'ForwardTableEntries', 'ForwardTableEntry', '')) {
            const entry = readForwardEntry(detail.reader, f, fAt);
            if (entry === null) continue;
            config.forwardEntries.push(entry);
            const instanceId = vpcId === null ? undefined : ctx.instanceByPrivateIp.get(`${vpcId}|${entry.internalIp}`);
            if (instanceId !== undefined) {
              link(asset, 'FORWARDS_TO', instanceId, {
                externalIp: entry.externalIp, externalPort: entry.externalPort, internalPort: entry.internalPort, protocol: entry.protocol,
              });
            }
          }
        }
      }
    }
  }
}

function readForwardEntry(reader: ResponseReader, f: JsonObject, at: string): ForwardEntry | null {
  const forwardEntryId = reader.id(f, 'ForwardEntryId', at);
  const externalIp = reader.id(f, 'ExternalIp', at);
  const internalIp = reader.id(f, 'InternalIp', at);
  if (forwardEntryId === null || externalIp === null || internalIp === null) return null;
  const rawProtocol = (reader.str(f, 'IpProtocol', at) ?? 'any').toLowerCase();
  if (rawProtocol !== 'tcp' && rawProtocol !== 'udp' && rawProtocol !== 'any') {
    reader.fail(`${at}.IpProtocol`, `expected TCP, UDP or Any, got ${JSON.stringify(rawProtocol)}`);
    return null;
  }
  return {
    forwardEntryId, externalIp, internalIp,
    externalPort: reader.str(f, 'ExternalPort', at) ?? 'any',
    internalPort: reader.str(f, 'InternalPort', at) ?? 'any',
    protocol: rawProtocol,
    status: reader.str(f, 'Status', at) ?? 'Unknown',
  };
}
