import type {
  AckClusterConfiguration, Asset, EipConfiguration, LoadBalancerConfiguration, NatGatewayConfiguration,
  RdsInstanceConfiguration, RedisInstanceConfiguration, WhitelistGroup,
} from '@rampart/asset-model';
import { INTERNET_NODE_ID, type Evidence } from '../security-graph.model';
import { configOf, unknownEvidence } from './asset.index';
import { isWorld } from './cidr.util';
import type { DerivationContext } from './derivation.context';
import {
  WORLD_IPV4, WORLD_IPV6, admittedPorts, describePorts, hasPorts, portAdmitted, ruleEvidence,
  type PortInterval, type SourceProbe, type TransportProtocol,
} from './security-group.evaluator';

/** CLB forwards from the 100.64.0.0/10 range (layer 7) or keeps the client address (layer 4). */
const LOAD_BALANCER_SOURCES: SourceProbe[] = [WORLD_IPV4, { type: 'cidr', cidr: '100.64.0.0/10', family: 'ipv4' }];
const STOPPED_DATABASE = new Set(['Stopped', 'Deleting', 'Released', 'Locked']);

/** Internet exposure: CAN_REACH to instances, listeners, databases and ACK API servers; DNAT_TO; FORWARDS_TO. */
export function deriveNetworkExposure(ctx: DerivationContext): void {
  for (const ecs of ctx.index.of('EcsInstance')) exposeInstance(ctx, ecs);
  for (const lb of ctx.index.of('Slb')) exposeLoadBalancer(ctx, lb);
  for (const nat of ctx.index.of('NatGateway')) exposeDnat(ctx, nat);
  for (const db of ctx.index.of('RdsInstance')) exposeDatabase(ctx, db, configOf<RdsInstanceConfiguration>(db));
  for (const db of ctx.index.of('RedisInstance')) exposeDatabase(ctx, db, configOf<RedisInstanceConfiguration>(db));
  for (const cluster of ctx.index.of('AckCluster')) exposeCluster(ctx, cluster);
}

function exposeInstance(ctx: DerivationContext, ecs: Asset): void {
  if (!ctx.network.isRunning(ecs)) return;
  const addresses = ctx.network.publicAddresses(ecs);
  if (addresses.length === 0) return;
  const { rules, unknown } = ctx.network.guardingRules(ecs);
  const admission = admittedPorts(rules, [WORLD_IPV4, WORLD_IPV6]);
  if (!hasPorts(admission) && unknown.length === 0) return;
  const ports = describePorts(admission.ports);
  ctx.emit.edge({
    kind: 'CAN_REACH', from: INTERNET_NODE_ID, to: ecs.id, weight: 3, unknown: !hasPorts(admission) || unknown.length > 0,
    ports: ports || 'unknown',
    reason: hasPorts(admission)
      ? `${ecs.name} has a public address and its security groups accept the whole internet on ${ports}.`
      : `${ecs.name} has a public address and its security group rules could not be read.`,
    evidence: [addresses[0], ...admission.grants.map(ruleEvidence), ...unknown],
  });
}

function listenerOpen(listener: LoadBalancerConfiguration['listeners'][number]): { open: boolean; unknown: boolean; why: string } {
  if (listener.aclStatus === 'off') return { open: true, unknown: false, why: 'access control is off' };
  if (listener.aclEntries === null) return { open: true, unknown: true, why: `ACL ${listener.aclId ?? '?'} could not be read` };
  const world = listener.aclEntries.some((entry) => isWorld(entry.cidr));
  if (listener.aclType === 'black') return { open: !world, unknown: false, why: `black ACL ${listener.aclId ?? '?'} does not list 0.0.0.0/0` };
  return { open: world, unknown: false, why: `white ACL ${listener.aclId ?? '?'} admits 0.0.0.0/0` };
}

export const listenerNodeId = (lbId: string, protocol: string, port: number): string => `${lbId}/listener/${protocol}:${port}`;

function exposeLoadBalancer(ctx: DerivationContext, lb: Asset): void {
  const config = configOf<LoadBalancerConfiguration>(lb);
  if (config.status === 'inactive') return;
  const boundEip = config.addressType === 'internet' ? undefined : ctx.network.boundEips(config.loadBalancerId)[0];
  const publicEvidence: Evidence | null = config.addressType === 'internet'
    ? { assetId: lb.id, field: 'addressType', value: `internet ${config.address}` }
    : boundEip ? { assetId: boundEip.id, field: 'instanceId', value: `${configOf<EipConfiguration>(boundEip).ipAddress} bound to ${config.loadBalancerId}` } : null;
  if (!publicEvidence) return;
  const listenersGap = unknownEvidence(lb, 'listeners');
  if (listenersGap) {
    // listeners unknown: the internet-facing balancer may forward anything to any backend
    ctx.emit.edge({ kind: 'CAN_REACH', from: INTERNET_NODE_ID, to: lb.id, weight: 1, unknown: true, reason: `${lb.name} is internet-facing and its listeners could not be read.`, evidence: [publicEvidence, listenersGap] });
    config.backendServers?.forEach((server, i) => {
      const ecs = ctx.network.instance(server.serverId);
      if (ecs && ctx.network.isRunning(ecs)) {
        ctx.emit.edge({ kind: 'FORWARDS_TO', from: lb.id, to: ecs.id, weight: 3, unknown: true, reason: `${lb.name} may forward to backend ${ecs.name}.`, evidence: [{ assetId: lb.id, field: `backendServers[${i}]`, value: server.serverId }, listenersGap] });
      }
    });
    return;
  }
  config.listeners.forEach((listener, li) => {
    if (listener.status !== 'running') return;
    const acl = listenerOpen(listener);
    if (!acl.open) return;
    const listenerId = listenerNodeId(lb.id, listener.protocol, listener.port);
    ctx.emit.virtualNode(listenerId, 'Listener', `${lb.name} ${listener.protocol}:${listener.port}`, lb.accountId).region = lb.region;
    ctx.emit.edge({
      kind: 'CAN_REACH', from: INTERNET_NODE_ID, to: listenerId, weight: 1, unknown: acl.unknown, ports: `${listener.protocol} ${listener.port}`,
      reason: `Listener ${listener.protocol}:${listener.port} of internet-facing ${lb.name} is open to everyone: ${acl.why}.`,
      evidence: [publicEvidence, { assetId: lb.id, field: `listeners[${li}]`, value: `${listener.protocol}:${listener.port} acl ${listener.aclStatus}${listener.aclType ? ` ${listener.aclType}` : ''}${listener.aclId ? ` ${listener.aclId}` : ''}` }],
    });
    const protocol: TransportProtocol = listener.protocol === 'udp' ? 'udp' : 'tcp';
    config.backendServers.forEach((server, si) => {
      const ecs = ctx.network.instance(server.serverId);
      if (!ecs || !ctx.network.isRunning(ecs)) return;
      const port = server.port ?? listener.backendPort ?? listener.port;
      const { rules, unknown } = ctx.network.guardingRules(ecs);
      const admission = admittedPorts(rules, LOAD_BALANCER_SOURCES);
      const allowed = portAdmitted(admission.ports, protocol, port);
      if (!allowed && unknown.length === 0) return;
      const grants = admission.grants.filter((g) => g.rule.portFrom <= port && port <= g.rule.portTo || g.rule.protocol === 'all');
      ctx.emit.edge({
        kind: 'FORWARDS_TO', from: listenerId, to: ecs.id, weight: 3, unknown: !allowed || unknown.length > 0, ports: `${protocol} ${port}`,
        reason: `Listener ${listener.protocol}:${listener.port} forwards to backend ${ecs.name} on ${protocol} ${port}, which its security groups admit.`,
        evidence: [{ assetId: lb.id, field: `backendServers[${si}]`, value: `${server.serverId} port ${port}` }, ...grants.map(ruleEvidence), ...unknown],
      });
    });
  });
}

function parsePortRange(text: string): PortInterval {
  if (text === 'any' || text === '' || text === '-1/-1') return { from: 1, to: 65535 };
  const [a, b] = text.split(/[/-]/).map(Number);
  return { from: a, to: Number.isFinite(b) ? b : a };
}

function exposeDnat(ctx: DerivationContext, nat: Asset): void {
  const config = configOf<NatGatewayConfiguration>(nat);
  config.forwardEntries?.forEach((entry, i) => {
    if (entry.status !== 'Available') return;
    const ecs = ctx.network.instanceByPrivateIp(config.vpcId, entry.internalIp);
    if (!ecs || !ctx.network.isRunning(ecs)) return;
    const wanted = parsePortRange(entry.internalPort);
    const protocols: TransportProtocol[] = entry.protocol === 'any' ? ['tcp', 'udp'] : [entry.protocol];
    const { rules, unknown } = ctx.network.guardingRules(ecs);
    const admission = admittedPorts(rules, [WORLD_IPV4]);
    const open: Record<TransportProtocol, PortInterval[]> = { tcp: [], udp: [] };
    for (const p of protocols) {
      for (const i of admission.ports[p]) {
        const from = Math.max(i.from, wanted.from);
        const to = Math.min(i.to, wanted.to);
        if (from <= to) open[p].push({ from, to });
      }
    }
    const reachable = open.tcp.length > 0 || open.udp.length > 0;
    if (!reachable && unknown.length === 0) return;
    const grants = admission.grants.filter((g) => g.rule.protocol === 'all' || protocols.includes(g.rule.protocol as TransportProtocol))
      .filter((g) => g.rule.portTo >= wanted.from && g.rule.portFrom <= wanted.to || g.rule.protocol === 'all');
    ctx.emit.edge({
      kind: 'DNAT_TO', from: INTERNET_NODE_ID, to: ecs.id, weight: 3, unknown: !reachable || unknown.length > 0,
      ports: describePorts(open) || 'unknown',
      reason: `NAT gateway ${nat.name} forwards ${entry.externalIp}:${entry.externalPort} to ${ecs.name} (${entry.internalIp}:${entry.internalPort}), and its security groups admit the internet there.`,
      evidence: [{ assetId: nat.id, field: `forwardEntries[${i}]`, value: `${entry.externalIp}:${entry.externalPort} -> ${entry.internalIp}:${entry.internalPort} ${entry.protocol}` }, ...grants.map(ruleEvidence), ...unknown],
    });
  });
}

interface DatabaseShape { status: string; publicConnection: boolean; whitelistGroups: WhitelistGroup[]; netInfo?: RdsInstanceConfiguration['netInfo']; connectionDomain?: string | null }

function exposeDatabase(ctx: DerivationContext, db: Asset, config: DatabaseShape): void {
  if (STOPPED_DATABASE.has(config.status)) return;
  const publicGap = unknownEvidence(db, 'publicConnection') ?? unknownEvidence(db, 'netInfo');
  if (!config.publicConnection && !publicGap) return;
  const publicIndex = config.netInfo?.findIndex((n) => n.ipType === 'Public') ?? -1;
  const publicEvidence: Evidence = publicGap ?? (publicIndex >= 0 && config.netInfo
    ? { assetId: db.id, field: `netInfo[${publicIndex}]`, value: `${config.netInfo[publicIndex].connectionString} Public` }
    : { assetId: db.id, field: 'publicConnection', value: `true${config.connectionDomain ? ` ${config.connectionDomain}` : ''}` });
  const whitelistGap = unknownEvidence(db, 'whitelistGroups');
  const world: Evidence[] = [];
  config.whitelistGroups?.forEach((group, g) => group.entries.forEach((entry, e) => {
    if (isWorld(entry)) world.push({ assetId: db.id, field: `whitelistGroups[${g}].entries[${e}]`, value: `${group.name}: ${entry}` });
  }));
  if (world.length === 0 && !whitelistGap) return;
  const unknown = world.length === 0 || publicGap !== null;
  ctx.emit.edge({
    kind: 'CAN_REACH', from: INTERNET_NODE_ID, to: db.id, weight: 3, unknown,
    reason: unknown
      ? `${db.name} may be reachable from the internet: its public endpoint or whitelist could not be read.`
      : `${db.name} has a public connection string and its whitelist admits 0.0.0.0/0.`,
    evidence: [publicEvidence, ...world, ...(whitelistGap ? [whitelistGap] : [])],
  });
}

function exposeCluster(ctx: DerivationContext, cluster: Asset): void {
  const config = configOf<AckClusterConfiguration>(cluster);
  const gap = unknownEvidence(cluster, 'apiServerPublic');
  if (!config.apiServerPublic && !gap) return;
  ctx.emit.edge({
    kind: 'CAN_REACH', from: INTERNET_NODE_ID, to: cluster.id, weight: 3, unknown: gap !== null, ports: 'tcp 6443',
    reason: `The API server of ACK cluster ${cluster.name} has a public endpoint.`,
    evidence: [gap ?? { assetId: cluster.id, field: 'apiServerPublic', value: `true${config.apiServerEndpoint ? ` ${config.apiServerEndpoint}` : ''}` }],
  });
}
