import { RESOURCE_TYPES, type ResourceTypeKey } from './asset';

/** The ARN-like service and kind segments of each resource type's asset id. */
const ID_SHAPE: Record<ResourceTypeKey, [service: string, kind: string]> = {
  account: ['ram', 'account'],
  ecsInstance: ['ecs', 'instance'],
  securityGroup: ['ecs', 'securitygroup'],
  disk: ['ecs', 'disk'],
  networkInterface: ['ecs', 'eni'],
  vpc: ['vpc', 'vpc'],
  vSwitch: ['vpc', 'vswitch'],
  eip: ['vpc', 'eip'],
  natGateway: ['vpc', 'natgateway'],
  loadBalancer: ['slb', 'loadbalancer'],
  bucket: ['oss', 'bucket'],
  ramUser: ['ram', 'user'],
  ramGroup: ['ram', 'group'],
  ramRole: ['ram', 'role'],
  ramPolicy: ['ram', 'policy'],
  rdsInstance: ['rds', 'dbinstance'],
  redisInstance: ['kvstore', 'instance'],
  trail: ['actiontrail', 'trail'],
  kmsKey: ['kms', 'key'],
  slsProject: ['log', 'project'],
  ackCluster: ['cs', 'cluster'],
  securityCenter: ['sas', 'instance'],
  host: ['host', 'host'],
};

/**
 * The deterministic id of an asset: `acs:<service>:<region>:<account>:<kind>/<resourceId>`.
 * Global resources (RAM, OSS buckets by name) use an empty region.
 */
export function assetId(key: ResourceTypeKey, accountId: string, region: string | null, resourceId: string): string {
  const [service, kind] = ID_SHAPE[key];
  return `acs:${service}:${region ?? ''}:${accountId}:${kind}/${resourceId}`;
}

export function resourceTypeOf(key: ResourceTypeKey): string {
  return RESOURCE_TYPES[key];
}
