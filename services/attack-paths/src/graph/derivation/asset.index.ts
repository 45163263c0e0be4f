import {
  RESOURCE_TYPES, assetId, type Asset, type AssetConfiguration, type ResourceTypeKey,
} from '@rampart/asset-model';
import type { Evidence, NodeKind } from '../security-graph.model';

const KIND_BY_RESOURCE_TYPE: ReadonlyMap<string, NodeKind> = new Map<string, NodeKind>([
  [RESOURCE_TYPES.account, 'AliyunAccount'], [RESOURCE_TYPES.ecsInstance, 'EcsInstance'],
  [RESOURCE_TYPES.securityGroup, 'SecurityGroup'], [RESOURCE_TYPES.networkInterface, 'Eni'],
  [RESOURCE_TYPES.vpc, 'Vpc'], [RESOURCE_TYPES.vSwitch, 'VSwitch'], [RESOURCE_TYPES.eip, 'Eip'],
  [RESOURCE_TYPES.natGateway, 'NatGateway'], [RESOURCE_TYPES.loadBalancer, 'Slb'], [RESOURCE_TYPES.bucket, 'OssBucket'],
  [RESOURCE_TYPES.ramUser, 'RamUser'], [RESOURCE_TYPES.ramGroup, 'RamGroup'], [RESOURCE_TYPES.ramRole, 'RamRole'],
  [RESOURCE_TYPES.ramPolicy, 'RamPolicy'], [RESOURCE_TYPES.rdsInstance, 'RdsInstance'],
  [RESOURCE_TYPES.redisInstance, 'RedisInstance'], [RESOURCE_TYPES.ackCluster, 'AckCluster'],
]);

export const nodeKindOf = (asset: Asset): NodeKind => KIND_BY_RESOURCE_TYPE.get(asset.resourceType) ?? 'Other';

/** Narrow an asset to its configuration type (the importer guarantees the shape per resource type). */
export function configOf<C>(asset: Asset): C {
  return asset.configuration as AssetConfiguration as C;
}

/**
 * Lookups the derivation needs, built once per graph build in one pass over the assets. Keys that are
 * globally unique in Alibaba (instance, group, switch ids) are used bare; RAM names are per account.
 */
export class AssetIndex {
  readonly byId = new Map<string, Asset>();
  readonly byKind = new Map<NodeKind, Asset[]>();
  /** `<kind>|<account>|<name or resource id>` → asset. */
  private readonly byName = new Map<string, Asset>();
  /** `<kind>|<account>` → assets. */
  private readonly byAccountKind = new Map<string, Asset[]>();
  readonly accounts = new Set<string>();

  constructor(assets: readonly Asset[]) {
    for (const asset of assets) {
      this.byId.set(asset.id, asset);
      const kind = nodeKindOf(asset);
      push(this.byKind, kind, asset);
      push(this.byAccountKind, `${kind}|${asset.accountId}`, asset);
      this.byName.set(`${kind}|${asset.accountId}|${asset.resourceId}`, asset);
      const config = asset.configuration as Record<string, unknown>;
      for (const key of ['userName', 'roleName', 'groupName', 'bucketName', 'policyName'] as const) {
        const value = config[key];
        if (typeof value === 'string') this.byName.set(`${kind}|${asset.accountId}|${value}`, asset);
      }
      this.accounts.add(asset.accountId);
    }
  }

  of(kind: NodeKind): readonly Asset[] {
    return this.byKind.get(kind) ?? [];
  }

  inAccount(kind: NodeKind, accountId: string): readonly Asset[] {
    return this.byAccountKind.get(`${kind}|${accountId}`) ?? [];
  }

  named(kind: NodeKind, accountId: string, name: string): Asset | undefined {
    return this.byName.get(`${kind}|${accountId}|${name}`);
  }

  /** Id of the account node: the imported account asset, or the id it would have. */
  accountNodeId(accountId: string): string {
    return this.named('AliyunAccount', accountId, accountId)?.id ?? assetId('account' satisfies ResourceTypeKey, accountId, null, accountId);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Was this configuration field (or a parent or child of it) not collected? Returns evidence saying so. */
export function unknownEvidence(asset: Asset, field: string): Evidence | null {
  for (const gap of asset.unknown) {
    const hit = gap.fields.some((f) => f === '*' || f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`)
      || field.startsWith(`${f}.`) || field.startsWith(`${f}[`));
    if (hit) return { assetId: asset.id, field, value: `unknown: ${gap.source} failed (${gap.error.code})` };
  }
  return null;
}
