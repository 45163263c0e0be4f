/**
 * How many resources of each kind a generated account has, so that normalising the snapshot yields exactly the
 * requested number of assets. An ECS instance brings its primary ENI and system disk (3 assets); data disks
 * absorb the rounding.
 */
export const REGIONS: ReadonlyArray<{ region: string; prefix: string }> = [
  { region: 'cn-hangzhou', prefix: 'bp1' }, { region: 'cn-shanghai', prefix: 'uf6' }, { region: 'cn-beijing', prefix: '2ze' },
  { region: 'cn-shenzhen', prefix: 'wz9' }, { region: 'ap-southeast-1', prefix: 't4n' }, { region: 'us-west-1', prefix: 'rj9' },
  { region: 'eu-central-1', prefix: 'gw8' }, { region: 'cn-hongkong', prefix: 'j6c' },
];

export const SYSTEM_POLICIES = ['AdministratorAccess', 'AliyunOSSFullAccess', 'ReadOnlyAccess', 'AliyunECSFullAccess', 'AliyunRAMReadOnlyAccess'] as const;

export interface RegionPlan {
  index: number;
  region: string;
  prefix: string;
  vpcs: number;
  vSwitches: number;
  securityGroups: number;
  instances: number;
  secondaryEnis: number;
  dataDisks: number;
  eips: number;
  natGateways: number;
  loadBalancers: number;
  rdsInstances: number;
  redisInstances: number;
  kmsKeys: number;
  slsProjects: number;
  ackClusters: number;
  /** KMS ListKeys of this region records Forbidden.KMS (an incomplete inventory the import must report). */
  kmsListFails: boolean;
}

export interface InventoryPlan {
  assets: number;
  regions: RegionPlan[];
  users: number;
  groups: number;
  roles: number;
  customPolicies: number;
  buckets: number;
  trails: number;
}

type Kind = Exclude<keyof RegionPlan, 'index' | 'region' | 'prefix' | 'kmsListFails'> | 'users' | 'groups' | 'roles' | 'customPolicies' | 'buckets';

/** Share of the requested assets per kind (data disks take what is left). */
const WEIGHTS: Record<Exclude<Kind, 'dataDisks'>, number> = {
  instances: 0.14, secondaryEnis: 0.02, securityGroups: 0.03, eips: 0.04, vpcs: 0.005, vSwitches: 0.02, natGateways: 0.004,
  loadBalancers: 0.015, buckets: 0.04, users: 0.06, groups: 0.006, roles: 0.03, customPolicies: 0.03, rdsInstances: 0.03,
  redisInstances: 0.02, kmsKeys: 0.015, slsProjects: 0.015, ackClusters: 0.004,
};
/** Assets each unit of a kind produces. */
const COST: Partial<Record<Kind, number>> = { instances: 3 };
const REGIONAL: ReadonlySet<Kind> = new Set<Kind>([
  'vpcs', 'vSwitches', 'securityGroups', 'instances', 'secondaryEnis', 'dataDisks', 'eips', 'natGateways', 'loadBalancers',
  'rdsInstances', 'redisInstances', 'kmsKeys', 'slsProjects', 'ackClusters',
]);

export const MIN_ASSETS = 100;
export const MAX_ASSETS = 1_000_000;

function regionCount(assets: number): number {
  if (assets < 1_000) return 2;
  if (assets < 20_000) return 3;
  if (assets < 200_000) return 5;
  return 8;
}

/** Splits `total` over `parts` as evenly as possible, the first parts taking the remainder. */
export function spread(total: number, parts: number, part: number): number {
  return Math.floor(total / parts) + (part < total % parts ? 1 : 0);
}

export function planInventory(assets: number): InventoryPlan {
  if (!Number.isInteger(assets) || assets < MIN_ASSETS || assets > MAX_ASSETS) {
    throw new RangeError(`--assets must be an integer from ${MIN_ASSETS} to ${MAX_ASSETS}`);
  }
  const regions = regionCount(assets);
  const trails = assets >= 1_000 ? 2 : 1;
  const fixed = 1 /* account */ + 1 /* Security Center */ + trails + SYSTEM_POLICIES.length;
  const counts = {} as Record<Kind, number>;
  for (const [kind, weight] of Object.entries(WEIGHTS) as Array<[Exclude<Kind, 'dataDisks'>, number]>) {
    // Regions need a VPC, VSwitch, group and instance each for the rest to hang off.
    const min = ['vpcs', 'vSwitches', 'securityGroups', 'instances'].includes(kind) ? regions : 1;
    counts[kind] = Math.max(min, Math.round(assets * weight));
  }
  counts.kmsKeys = Math.max(counts.kmsKeys, regions - 1);
  counts.vpcs = Math.min(counts.vpcs, counts.vSwitches, counts.securityGroups);
  const used = (): number => fixed + (Object.keys(WEIGHTS) as Array<Exclude<Kind, 'dataDisks'>>).reduce((sum, k) => sum + counts[k] * (COST[k] ?? 1), 0);
  while (used() > assets && counts.instances > regions) counts.instances -= 1;
  counts.dataDisks = assets - used();
  if (counts.dataDisks < 0) throw new RangeError(`cannot plan ${assets} assets`);

  const plans: RegionPlan[] = [];
  for (let r = 0; r < regions; r++) {
    const regional = (kind: Kind): number => spread(counts[kind], regions, r);
    const kmsListFails = regions > 1 && r === regions - 1;
    plans.push({
      index: r, region: REGIONS[r].region, prefix: REGIONS[r].prefix,
      vpcs: regional('vpcs'), vSwitches: regional('vSwitches'), securityGroups: regional('securityGroups'), instances: regional('instances'),
      secondaryEnis: regional('secondaryEnis'), dataDisks: regional('dataDisks'), eips: regional('eips'), natGateways: regional('natGateways'),
      loadBalancers: regional('loadBalancers'), rdsInstances: regional('rdsInstances'), redisInstances: regional('redisInstances'),
      // The region whose ListKeys fails lists no keys; the others share them.
      kmsKeys: kmsListFails ? 0 : spread(counts.kmsKeys, regions > 1 ? regions - 1 : 1, r),
      slsProjects: regional('slsProjects'), ackClusters: regional('ackClusters'), kmsListFails,
    });
  }
  for (const kind of REGIONAL) {
    const sum = plans.reduce((s, p) => s + (p[kind as keyof RegionPlan] as number), 0);
    if (sum !== counts[kind]) throw new Error(`plan for ${kind} does not add up`);
  }
  return {
    assets, regions: plans, users: counts.users, groups: counts.groups, roles: counts.roles,
    customPolicies: counts.customPolicies, buckets: counts.buckets, trails,
  };
}
