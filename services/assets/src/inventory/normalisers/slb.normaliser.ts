import type { AclEntry, BackendServer, Listener, LoadBalancerConfiguration } from '@rampart/asset-model';
import { link, type NormaliseContext } from '../normalise-context';
import { readTags, type JsonObject, type Located, type ResponseReader } from '../response-reader';
import { actionsOf, type ProductNormaliser } from './product-normaliser';

const P = 'Slb';
const LISTENER_PROTOCOLS: ReadonlySet<string> = new Set(['tcp', 'udp', 'http', 'https']);

/** Classic load balancers with their listeners (and the ACL entries each listener applies) and backend servers. */
export const slbNormaliser: ProductNormaliser = {
  name: 'slb',
  actions: actionsOf(P, [
    'DescribeLoadBalancers', 'DescribeLoadBalancerAttribute', 'DescribeLoadBalancerListeners', 'DescribeAccessControlListAttribute',
  ]),
  normalise(ctx) {
    const listeners = listenersByLoadBalancer(ctx);
    const listenerCoverage = ctx.coverage(P, 'DescribeLoadBalancerListeners', 'LoadBalancerId');
    const aclCache = new Map<string, AclEntry[] | { code: string; message: string } | null>();
    for (const { ic, reader, body } of ctx.listBodies(P, 'DescribeLoadBalancers')) {
      const region = ic.call.region ?? reader.str(body, 'RegionId', '');
      for (const { value: lb, at } of reader.list(body, 'LoadBalancers', 'LoadBalancer', '')) {
        const loadBalancerId = reader.id(lb, 'LoadBalancerId', at);
        if (loadBalancerId === null) continue;
        const addressType = (reader.str(lb, 'AddressType', at) ?? 'intranet').toLowerCase();
        if (addressType !== 'internet' && addressType !== 'intranet') {
          reader.fail(`${at}.AddressType`, `expected internet or intranet, got ${JSON.stringify(addressType)}`);
          continue;
        }
        const vpcId = reader.str(lb, 'VpcId', at);
        const vSwitchId = reader.str(lb, 'VSwitchId', at);
        const config: LoadBalancerConfiguration = {
          loadBalancerId,
          addressType,
          address: reader.str(lb, 'Address', at) ?? '',
          status: reader.str(lb, 'LoadBalancerStatus', at) ?? 'Unknown',
          vpcId,
          vSwitchId,
          deleteProtection: reader.bool(lb, 'DeleteProtection', at, ['on'], ['off']),
          listeners: [],
          backendServers: [],
        };
        const asset = ctx.emit(ctx.newAsset('loadBalancer', 'SLB', region, region, loadBalancerId, reader.str(lb, 'LoadBalancerName', at), readTags(reader, lb, at), config));
        if (asset.configuration !== config) continue;
        if (vpcId !== null) link(asset, 'IN_VPC', ctx.id('vpc', region, vpcId));
        if (vSwitchId !== null) link(asset, 'IN_VSWITCH', ctx.id('vSwitch', region, vSwitchId));

        const attribute = ctx.detail(P, 'DescribeLoadBalancerAttribute', 'LoadBalancerId', loadBalancerId);
        if (ctx.noteOutcome(asset, ['backendServers'], `${P}:DescribeLoadBalancerAttribute`, attribute) && attribute.kind === 'answered') {
          for (const page of attribute.calls) {
            const detail = ctx.bodyOf(page);
            if (detail === null) continue;
            config.deleteProtection = detail.reader.bool(detail.body, 'DeleteProtection', '', ['on'], ['off']) ?? config.deleteProtection;
            for (const { value: s, at: sAt } of detail.reader.list(detail.body, 'BackendServers', 'BackendServer', '')) {
              const serverId = detail.reader.id(s, 'ServerId', sAt);
              if (serverId === null) continue;
              const server: BackendServer = {
                serverId,
                type: detail.reader.str(s, 'Type', sAt) ?? 'ecs',
                port: detail.reader.num(s, 'Port', sAt),
                weight: detail.reader.num(s, 'Weight', sAt) ?? 100,
              };
              config.backendServers.push(server);
              const targetKey = server.type.toLowerCase() === 'eni' ? 'networkInterface' : 'ecsInstance';
              link(asset, 'BACKEND', ctx.id(targetKey, region, serverId), { port: server.port, weight: server.weight });
            }
          }
        }

        if (!ctx.noteOutcome(asset, ['listeners'], `${P}:DescribeLoadBalancerListeners`, listenerCoverage.outcome(ic.call.region, loadBalancerId))) continue;
        for (const { value: l, at: lAt, reader: lReader } of listeners.get(loadBalancerId) ?? []) {
          const port = lReader.num(l, 'ListenerPort', lAt);
          const rawProtocol = lReader.str(l, 'ListenerProtocol', lAt);
          const protocol = rawProtocol?.toLowerCase() ?? '';
          if (port === null || !LISTENER_PROTOCOLS.has(protocol)) {
            lReader.fail(port === null ? `${lAt}.ListenerPort` : `${lAt}.ListenerProtocol`, port === null ? 'missing' : `unknown protocol ${JSON.stringify(rawProtocol)}`);
            continue;
          }
          const aclType = lReader.str(l, 'AclType', lAt)?.toLowerCase() ?? null;
          const aclId = lReader.str(l, 'AclId', lAt);
          const listener: Listener = {
            port,
            protocol: protocol as Listener['protocol'],
            status: lReader.str(l, 'Status', lAt) ?? 'Unknown',
            backendPort: lReader.num(l, 'BackendServerPort', lAt),
            aclStatus: lReader.str(l, 'AclStatus', lAt)?.toLowerCase() === 'on' ? 'on' : 'off',
            aclType: aclType === 'white' || aclType === 'black' ? aclType : null,
            aclId,
            aclEntries: null,
          };
          if (aclId !== null) {
            const entries = aclEntries(ctx, aclId, aclCache);
            if (Array.isArray(entries)) listener.aclEntries = entries;
            else ctx.markUnknown(asset, ['listeners.aclEntries'], `${P}:DescribeAccessControlListAttribute`, entries);
          }
          config.listeners.push(listener);
        }
      }
    }
  },
};

function listenersByLoadBalancer(ctx: NormaliseContext): Map<string, Array<Located<JsonObject> & { reader: ResponseReader }>> {
  const byLb = new Map<string, Array<Located<JsonObject> & { reader: ResponseReader }>>();
  for (const ic of ctx.index.of(P, 'DescribeLoadBalancerListeners')) {
    const page = ctx.bodyOf(ic);
    if (page === null) continue;
    for (const item of page.reader.array(page.body, 'Listeners', '')) {
      const lbId = page.reader.id(item.value, 'LoadBalancerId', item.at);
      if (lbId === null) continue;
      const list = byLb.get(lbId);
      const entry = { ...item, reader: page.reader };
      if (list) list.push(entry);
      else byLb.set(lbId, [entry]);
    }
  }
  return byLb;
}

/** Entries of one ACL (shared by many listeners, so read once); an API error, or null when never recorded. */
function aclEntries(
  ctx: NormaliseContext, aclId: string, cache: Map<string, AclEntry[] | { code: string; message: string } | null>,
): AclEntry[] | { code: string; message: string } | null {
  const cached = cache.get(aclId);
  if (cached !== undefined) return cached;
  const outcome = ctx.detail(P, 'DescribeAccessControlListAttribute', 'AclId', aclId);
  let result: AclEntry[] | { code: string; message: string } | null = null;
  if (outcome.kind === 'failed') result = outcome.error;
  else if (outcome.kind === 'answered') {
    const entries: AclEntry[] = [];
    for (const page of outcome.calls) {
      const detail = ctx.bodyOf(page);
      if (detail === null) continue;
      for (const { value: e, at } of detail.reader.list(detail.body, 'AclEntrys', 'AclEntry', '')) {
        const cidr = detail.reader.str(e, 'AclEntryIP', at) ?? detail.reader.str(e, 'AclEntryIp', at);
        if (cidr === null) {
          detail.reader.fail(`${at}.AclEntryIP`, 'missing');
          continue;
        }
        entries.push({ cidr, comment: detail.reader.str(e, 'AclEntryComment', at) });
      }
    }
    result = entries;
  }
  cache.set(aclId, result);
  return result;
}
