import type {
  Asset, EcsInstanceConfiguration, RdsInstanceConfiguration, RedisInstanceConfiguration, SecurityGroupConfiguration,
  VSwitchConfiguration, WhitelistGroup,
} from '@rampart/asset-model';
import type { Evidence } from '../security-graph.model';
import { configOf } from './asset.index';
import { cidrContains, isWorld, parseIpv4, parseIpv4Cidr } from './cidr.util';
import type { DerivationContext } from './derivation.context';
import { admittedPorts, describePorts, hasPorts, ruleEvidence, type SourceProbe } from './security-group.evaluator';

interface Database { asset: Asset; vpcId: string | null; vSwitchId: string | null; status: string; whitelistGroups: WhitelistGroup[] }

/**
 * NETWORK_REACH inside a VPC, through hub nodes so the edge count stays linear: instance → its VSwitch →
 * database whose whitelist covers the VSwitch; instance → a security group that admits the instance's
 * group → the members of that group. A whitelist entry naming a single instance gives instance → database.
 */
export function deriveLateralNetwork(ctx: DerivationContext): void {
  const vSwitchesByVpc = new Map<string, Asset[]>();
  for (const vsw of ctx.index.of('VSwitch')) push(vSwitchesByVpc, configOf<VSwitchConfiguration>(vsw).vpcId, vsw);
  const instancesByVpc = new Map<string, Asset[]>();
  for (const ecs of ctx.index.of('EcsInstance')) {
    const vpcId = configOf<EcsInstanceConfiguration>(ecs).vpcId;
    if (vpcId && ctx.network.isRunning(ecs)) push(instancesByVpc, vpcId, ecs);
  }
  const databases: Database[] = [
    ...ctx.index.of('RdsInstance').map((asset) => ({ asset, ...pick(configOf<RdsInstanceConfiguration>(asset)) })),
    ...ctx.index.of('RedisInstance').map((asset) => ({ asset, ...pick(configOf<RedisInstanceConfiguration>(asset)) })),
  ];
  const activeHubs = new Map<string, Asset>();
  for (const db of databases) {
    if (!db.vpcId || db.status === 'Stopped') continue;
    const switches = vSwitchesByVpc.get(db.vpcId) ?? [];
    db.whitelistGroups?.forEach((group, g) => group.entries.forEach((entry, e) => {
      const whitelist: Evidence = { assetId: db.asset.id, field: `whitelistGroups[${g}].entries[${e}]`, value: `${group.name}: ${entry}` };
      const world = isWorld(entry);
      let coveredSwitch = false;
      for (const vsw of switches) {
        const cidr = configOf<VSwitchConfiguration>(vsw).cidrBlock;
        if (!cidr || !(world || cidrContains(entry, cidr))) continue;
        coveredSwitch = true;
        activeHubs.set(vsw.id, vsw);
        ctx.emit.edge({
          kind: 'NETWORK_REACH', from: vsw.id, to: db.asset.id, weight: 3,
          reason: `The whitelist of ${db.asset.name} admits VSwitch ${vsw.name} (${cidr}), so any host there can connect.`,
          evidence: [whitelist, { assetId: vsw.id, field: 'cidrBlock', value: cidr }],
        });
      }
      if (coveredSwitch || world || !parseIpv4Cidr(entry)) return;
      // a narrower entry: the instances whose private address it admits
      const single = parseIpv4(entry.split('/')[0]) !== null && (!entry.includes('/') || entry.endsWith('/32'));
      const candidates = single
        ? [ctx.network.instanceByPrivateIp(db.vpcId, entry.split('/')[0])].filter((x): x is Asset => x !== undefined && ctx.network.isRunning(x))
        : (instancesByVpc.get(db.vpcId ?? '') ?? []).filter((ecs) => (configOf<EcsInstanceConfiguration>(ecs).privateIpAddresses ?? []).some((ip) => cidrContains(entry, ip)));
      for (const ecs of candidates) {
        ctx.emit.edge({
          kind: 'NETWORK_REACH', from: ecs.id, to: db.asset.id, weight: 3,
          reason: `The whitelist of ${db.asset.name} admits the private address of ${ecs.name}.`,
          evidence: [whitelist, { assetId: ecs.id, field: 'privateIpAddresses', value: (configOf<EcsInstanceConfiguration>(ecs).privateIpAddresses ?? []).join(',') }],
        });
      }
    }));
  }
  for (const [, ecsList] of instancesByVpc) {
    for (const ecs of ecsList) {
      const config = configOf<EcsInstanceConfiguration>(ecs);
      const hub = activeHubs.size > 0 ? findHub(activeHubs, ctx, config.vSwitchId, ecs.accountId) : undefined;
      if (!hub) continue;
      ctx.emit.edge({
        kind: 'NETWORK_REACH', from: ecs.id, to: hub.id, weight: 1,
        reason: `${ecs.name} sits in VSwitch ${hub.name}: a foothold on it can open connections from there.`,
        evidence: [{ assetId: ecs.id, field: 'vSwitchId', value: config.vSwitchId ?? '' }],
      });
    }
  }
  deriveGroupToGroup(ctx);
}

function findHub(hubs: Map<string, Asset>, ctx: DerivationContext, vSwitchId: string | null, accountId: string): Asset | undefined {
  if (!vSwitchId) return undefined;
  const vsw = ctx.index.named('VSwitch', accountId, vSwitchId);
  return vsw && hubs.has(vsw.id) ? vsw : undefined;
}

function pick(config: RdsInstanceConfiguration | RedisInstanceConfiguration): Omit<Database, 'asset'> {
  return { vpcId: config.vpcId, vSwitchId: config.vSwitchId, status: config.status, whitelistGroups: config.whitelistGroups };
}

/** Security-group-to-group accept rules (and a group's own inner access) as instance → group hub → members. */
function deriveGroupToGroup(ctx: DerivationContext): void {
  const members = new Map<string, Asset[]>();
  for (const ecs of ctx.index.of('EcsInstance')) {
    if (!ctx.network.isRunning(ecs)) continue;
    for (const ref of ctx.network.groupRefs(ecs)) if (ref.asset) push(members, ref.asset.id, ecs);
  }
  for (const group of ctx.index.of('SecurityGroup')) {
    const config = configOf<SecurityGroupConfiguration>(group);
    const inside = members.get(group.id) ?? [];
    if (inside.length === 0) continue;
    const sources = new Map<string, Evidence[]>();
    const inner = config.innerAccessPolicy === 'Accept' || (config.innerAccessPolicy === null && config.securityGroupType !== 'enterprise');
    if (inner && inside.length > 1) sources.set(config.securityGroupId, [{ assetId: group.id, field: 'innerAccessPolicy', value: config.innerAccessPolicy ?? 'Accept (default)' }]);
    (config.rules ?? []).forEach((rule, index) => {
      if (rule.direction === 'ingress' && rule.policy === 'accept' && rule.sourceGroupId && rule.sourceGroupId !== config.securityGroupId) {
        sources.set(rule.sourceGroupId, [ruleEvidence({ groupId: group.id, index, rule })]);
      }
    });
    for (const [sourceGroupId, evidence] of sources) {
      const source = ctx.network.group(sourceGroupId);
      const probe: SourceProbe = { type: 'group', groupId: sourceGroupId };
      const senders = source ? (members.get(source.id) ?? []) : [];
      let anyReceiver = false;
      for (const receiver of inside) {
        const innerOnly = sourceGroupId === config.securityGroupId;
        const admission = innerOnly ? null : admittedPorts(ctx.network.guardingRules(receiver).rules, [probe]);
        if (admission && !hasPorts(admission)) continue; // shadowed by a higher-priority drop on the receiver
        anyReceiver = true;
        ctx.emit.edge({
          kind: 'NETWORK_REACH', from: group.id, to: receiver.id, weight: 3,
          ports: admission ? describePorts(admission.ports) : 'all',
          reason: `${receiver.name} is a member of ${group.name}, which admits traffic from ${innerOnly ? 'its own members' : `members of ${sourceGroupId}`}.`,
          evidence: admission ? [...evidence, ...admission.grants.map(ruleEvidence)] : evidence,
        });
      }
      if (!anyReceiver) continue;
      for (const sender of senders) {
        ctx.emit.edge({
          kind: 'NETWORK_REACH', from: sender.id, to: group.id, weight: 1,
          reason: `${sender.name} belongs to ${sourceGroupId}, which ${group.name} admits.`,
          evidence: [...evidence],
        });
      }
    }
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
