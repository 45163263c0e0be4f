import type { RedisInstanceConfiguration } from '@rampart/asset-model';
import { link } from '../normalise-context';
import { readTags } from '../response-reader';
import { actionsOf, type ProductNormaliser } from './product-normaliser';
import { whitelistGroup } from './whitelist.reader';

const P = 'R-kvstore';

/**
 * Redis (Tair) instances with their whitelist groups. Whether an instance has a public endpoint and SSL is only
 * known from DescribeDBInstanceNetInfo and DescribeInstanceSSL; without them those fields are unknown.
 */
export const kvstoreNormaliser: ProductNormaliser = {
  name: 'kvstore',
  actions: actionsOf(P, ['DescribeInstances', 'DescribeSecurityIps', 'DescribeDBInstanceNetInfo', 'DescribeInstanceSSL']),
  normalise(ctx) {
    for (const { ic, reader, body } of ctx.listBodies(P, 'DescribeInstances')) {
      for (const { value: r, at } of reader.list(body, 'Instances', 'KVStoreInstance', '')) {
        const instanceId = reader.id(r, 'InstanceId', at);
        if (instanceId === null) continue;
        const region = ic.call.region ?? reader.str(r, 'RegionId', at);
        const config: RedisInstanceConfiguration = {
          instanceId,
          engineVersion: reader.str(r, 'EngineVersion', at),
          status: reader.str(r, 'InstanceStatus', at) ?? 'Unknown',
          networkType: reader.str(r, 'NetworkType', at) ?? 'VPC',
          vpcId: reader.str(r, 'VpcId', at),
          vSwitchId: reader.str(r, 'VSwitchId', at),
          connectionDomain: reader.str(r, 'ConnectionDomain', at),
          publicConnection: false,
          whitelistGroups: [],
          sslEnabled: null,
        };
        const asset = ctx.emit(ctx.newAsset('redisInstance', 'KVSTORE', region, region, instanceId, reader.str(r, 'InstanceName', at), readTags(reader, r, at), config));
        if (asset.configuration !== config) continue;
        if (config.vpcId !== null) link(asset, 'IN_VPC', ctx.id('vpc', region, config.vpcId));
        if (config.vSwitchId !== null) link(asset, 'IN_VSWITCH', ctx.id('vSwitch', region, config.vSwitchId));

        const ips = ctx.detail(P, 'DescribeSecurityIps', 'InstanceId', instanceId);
        ctx.noteOutcome(asset, ['whitelistGroups'], `${P}:DescribeSecurityIps`, ips);
        for (const { reader: d, body: b } of ctx.answered(ips)) {
          for (const { value: g, at: gAt } of d.list(b, 'SecurityIpGroups', 'SecurityIpGroup', '')) {
            config.whitelistGroups.push(whitelistGroup(
              d.str(g, 'SecurityIpGroupName', gAt), d.str(g, 'SecurityIpGroupAttribute', gAt), null, d.str(g, 'SecurityIpList', gAt),
            ));
          }
        }

        const net = ctx.detail(P, 'DescribeDBInstanceNetInfo', 'InstanceId', instanceId);
        ctx.noteOutcome(asset, ['publicConnection'], `${P}:DescribeDBInstanceNetInfo`, net);
        for (const { reader: d, body: b } of ctx.answered(net)) {
          for (const { value: n, at: nAt } of d.list(b, 'NetInfoItems', 'InstanceNetInfo', '')) {
            // IPType Public, or the older DBInstanceNetType 0 (Internet).
            if (d.str(n, 'IPType', nAt)?.toLowerCase() === 'public' || d.str(n, 'DBInstanceNetType', nAt) === '0') config.publicConnection = true;
          }
        }

        const ssl = ctx.detail(P, 'DescribeInstanceSSL', 'InstanceId', instanceId);
        ctx.noteOutcome(asset, ['sslEnabled'], `${P}:DescribeInstanceSSL`, ssl);
        for (const { reader: d, body: b } of ctx.answered(ssl)) {
          config.sslEnabled = d.bool(b, 'SSLEnabled', '', ['enable', 'enabled', 'yes'], ['disable', 'disabled', 'no']);
        }
      }
    }
  },
};
