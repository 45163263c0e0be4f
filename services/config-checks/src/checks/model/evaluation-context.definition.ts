import type {
  AccountConfiguration, AckClusterConfiguration, Asset, BucketConfiguration, DiskConfiguration,
  EcsInstanceConfiguration, EipConfiguration, KmsKeyConfiguration, LoadBalancerConfiguration,
  NatGatewayConfiguration, NetworkInterfaceConfiguration, RamGroupConfiguration, RamPolicyConfiguration,
  RamRoleConfiguration, RamUserConfiguration, RdsInstanceConfiguration, RedisInstanceConfiguration,
  ResourceTypeKey, SecurityCenterConfiguration, SecurityGroupConfiguration, SlsProjectConfiguration,
  TrailConfiguration, VpcConfiguration, VSwitchConfiguration,
} from '@rampart/asset-model';

/** The configuration type of each normalised asset kind. */
export interface ConfigByKind {
  account: AccountConfiguration;
  ecsInstance: EcsInstanceConfiguration;
  securityGroup: SecurityGroupConfiguration;
  disk: DiskConfiguration;
  networkInterface: NetworkInterfaceConfiguration;
  vpc: VpcConfiguration;
  vSwitch: VSwitchConfiguration;
  eip: EipConfiguration;
  natGateway: NatGatewayConfiguration;
  loadBalancer: LoadBalancerConfiguration;
  bucket: BucketConfiguration;
  ramUser: RamUserConfiguration;
  ramGroup: RamGroupConfiguration;
  ramRole: RamRoleConfiguration;
  ramPolicy: RamPolicyConfiguration;
  rdsInstance: RdsInstanceConfiguration;
  redisInstance: RedisInstanceConfiguration;
  trail: TrailConfiguration;
  kmsKey: KmsKeyConfiguration;
  slsProject: SlsProjectConfiguration;
  ackCluster: AckClusterConfiguration;
  securityCenter: SecurityCenterConfiguration;
  host: Record<string, unknown>;
}
export type AssetOf<K extends ResourceTypeKey> = Asset<ConfigByKind[K]>;

/** Identity of a per-scan cache slot; one constant per derived value so unrelated checks never collide. */
export interface MemoKey<T> {
  readonly name: string;
  /** Phantom: carries T so `memo` is typed without casts at the call site. */
  readonly phantom?: (value: T) => T;
}

/**
 * What a check may look at besides its own asset: the whole inventory of the scan, indexed once.
 * Everything is read-only; derived values are computed at most once per asset or account per scan.
 */
export interface EvaluationContext {
  /** Scan time (epoch ms); age-based checks measure against it so a scan is reproducible. */
  readonly now: number;
  asset(id: string): Asset | undefined;
  /** The asset of that kind whose `resourceId` is `resourceId` in that account (any region). */
  byResourceId<K extends ResourceTypeKey>(kind: K, accountId: string, resourceId: string): AssetOf<K> | undefined;
  ofKind<K extends ResourceTypeKey>(kind: K, accountId: string): readonly AssetOf<K>[];
  account(accountId: string): AssetOf<'account'> | undefined;
  /** Computes once per (key, asset) and scan; `persist` false keeps a cheap answer out of the cache (it is recomputed). */
  memo<T>(key: MemoKey<T>, asset: Asset, compute: () => T, persist?: (value: T) => boolean): T;
  perAccount<T>(key: MemoKey<T>, accountId: string, compute: () => T): T;
}
