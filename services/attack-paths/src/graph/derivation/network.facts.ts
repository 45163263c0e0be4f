import type {
  Asset, EcsInstanceConfiguration, EipConfiguration, NetworkInterfaceConfiguration, SecurityGroupConfiguration,
} from '@rampart/asset-model';
import type { Evidence } from '../security-graph.model';
import { configOf, unknownEvidence, type AssetIndex } from './asset.index';
import { rulesOfGroups, type LocatedRule } from './security-group.evaluator';

/** Per-instance network facts shared by the exposure and lateral-movement derivers. */
export class NetworkFacts {
  private readonly ecsByInstanceId = new Map<string, Asset>();
  private readonly enisByInstance = new Map<string, Asset[]>();
  private readonly eipsByBoundId = new Map<string, Asset[]>();
  private readonly groupsById = new Map<string, Asset>();
  private readonly ecsByVpcIp = new Map<string, Asset>();
  private readonly rulesCache = new Map<string, { rules: LocatedRule[]; unknown: Evidence[] }>();

  constructor(index: AssetIndex) {
    for (const group of index.of('SecurityGroup')) {
      this.groupsById.set(configOf<SecurityGroupConfiguration>(group).securityGroupId ?? group.resourceId, group);
    }
    for (const eni of index.of('Eni')) {
      const config = configOf<NetworkInterfaceConfiguration>(eni);
      if (config.instanceId) push(this.enisByInstance, config.instanceId, eni);
    }
    for (const eip of index.of('Eip')) {
      const config = configOf<EipConfiguration>(eip);
      if (config.instanceId && config.status !== 'Available') push(this.eipsByBoundId, config.instanceId, eip);
    }
    for (const ecs of index.of('EcsInstance')) {
      const config = configOf<EcsInstanceConfiguration>(ecs);
      this.ecsByInstanceId.set(config.instanceId ?? ecs.resourceId, ecs);
      for (const ip of config.privateIpAddresses ?? []) this.ecsByVpcIp.set(`${config.vpcId}|${ip}`, ecs);
    }
  }

  instance(instanceId: string): Asset | undefined {
    return this.ecsByInstanceId.get(instanceId);
  }

  instanceByPrivateIp(vpcId: string | null, ip: string): Asset | undefined {
    return this.ecsByVpcIp.get(`${vpcId}|${ip}`);
  }

  /** EIPs bound to an instance, ENI, load balancer or NAT gateway id. */
  boundEips(resourceId: string): readonly Asset[] {
    return this.eipsByBoundId.get(resourceId) ?? [];
  }

  group(groupId: string): Asset | undefined {
    return this.groupsById.get(groupId);
  }

  isRunning(ecs: Asset): boolean {
    return configOf<EcsInstanceConfiguration>(ecs).status === 'Running';
  }

  /** Public addresses of the instance: ECS public IPs, an EIP on it or on one of its ENIs, an ENI public IP. */
  publicAddresses(ecs: Asset): Evidence[] {
    const config = configOf<EcsInstanceConfiguration>(ecs);
    const out: Evidence[] = [];
    (config.publicIpAddresses ?? []).forEach((ip, i) => out.push({ assetId: ecs.id, field: `publicIpAddresses[${i}]`, value: ip }));
    if (config.eipAddress) out.push({ assetId: ecs.id, field: 'eipAddress', value: config.eipAddress });
    const bound = [config.instanceId, ...(this.enisByInstance.get(config.instanceId) ?? []).map((e) => e.resourceId)];
    for (const id of bound) {
      for (const eip of this.eipsByBoundId.get(id) ?? []) {
        const eipConfig = configOf<EipConfiguration>(eip);
        out.push({ assetId: eip.id, field: 'instanceId', value: `${eipConfig.ipAddress} bound to ${id}` });
      }
    }
    for (const eni of this.enisByInstance.get(config.instanceId) ?? []) {
      const ip = configOf<NetworkInterfaceConfiguration>(eni).publicIpAddress;
      if (ip) out.push({ assetId: eni.id, field: 'publicIpAddress', value: ip });
    }
    return out;
  }

  /** Security group ids of the instance and its ENIs, with the field that names each. */
  groupRefs(ecs: Asset): Array<{ id: string; asset: Asset | undefined; reference: Evidence }> {
    const config = configOf<EcsInstanceConfiguration>(ecs);
    const refs = new Map<string, Evidence>();
    (config.securityGroupIds ?? []).forEach((id, i) => refs.set(id, { assetId: ecs.id, field: `securityGroupIds[${i}]`, value: id }));
    for (const eni of this.enisByInstance.get(config.instanceId) ?? []) {
      configOf<NetworkInterfaceConfiguration>(eni).securityGroupIds?.forEach((id, i) => {
        if (!refs.has(id)) refs.set(id, { assetId: eni.id, field: `securityGroupIds[${i}]`, value: id });
      });
    }
    return [...refs].map(([id, reference]) => ({ id, asset: this.groupsById.get(id), reference }));
  }

  /** All ingress rules that guard the instance (merged across its groups), and what could not be read. */
  guardingRules(ecs: Asset): { rules: LocatedRule[]; unknown: Evidence[] } {
    let cached = this.rulesCache.get(ecs.id);
    if (!cached) {
      cached = rulesOfGroups(this.groupRefs(ecs));
      const gap = unknownEvidence(ecs, 'securityGroupIds');
      if (gap) cached.unknown.push(gap);
      this.rulesCache.set(ecs.id, cached);
    }
    return cached;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
