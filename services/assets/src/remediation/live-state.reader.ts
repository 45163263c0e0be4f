import type { Asset } from '@rampart/asset-model';
import { normaliseSnapshot, type NormalisedInventory } from '../inventory/normalise-snapshot';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SnapshotCall } from '../inventory/snapshot.schema';

type Frame = (asset: Asset, config: Record<string, unknown>) => SnapshotCall;

/**
 * The list call that makes the normaliser emit this one asset (built from the stored asset, not read again): the
 * capture reads are detail calls, which the normalisers only read for an asset a list call named. null: the asset
 * needs none (the account) or the capture read is the list call itself (DescribeInstances by id).
 */
const FRAMES: Readonly<Record<string, Frame | null>> = {
  'ALIYUN::RAM::Account': null,
  'ALIYUN::ECS::Instance': null,
  'ALIYUN::RAM::User': (asset, c) => ({
    product: 'Ram', action: 'ListUsers', region: null, params: {},
    response: { Users: { User: [{ UserName: asset.resourceId, UserId: c.userId, DisplayName: c.displayName ?? undefined }] } },
  }),
  'ALIYUN::ECS::SecurityGroup': (asset, c) => ({
    product: 'Ecs', action: 'DescribeSecurityGroups', region: asset.region, params: {},
    response: { RegionId: asset.region, SecurityGroups: { SecurityGroup: [{ SecurityGroupId: asset.resourceId, VpcId: c.vpcId ?? undefined }] } },
  }),
  'ALIYUN::RDS::DBInstance': (asset, c) => ({
    product: 'Rds', action: 'DescribeDBInstances', region: asset.region, params: {},
    response: { Items: { DBInstance: [{ DBInstanceId: asset.resourceId, Engine: c.engine, EngineVersion: c.engineVersion, DBInstanceStatus: c.status }] } },
  }),
  'ALIYUN::REDIS::Instance': (asset, c) => ({
    product: 'R-kvstore', action: 'DescribeInstances', region: asset.region, params: {},
    response: { Instances: { KVStoreInstance: [{ InstanceId: asset.resourceId, InstanceStatus: c.status, EngineVersion: c.engineVersion ?? undefined }] } },
  }),
  'ALIYUN::KMS::Key': (asset) => ({
    product: 'Kms', action: 'ListKeys', region: asset.region, params: {},
    response: { Keys: { Key: [{ KeyId: asset.resourceId }] } },
  }),
  'ALIYUN::SLB::LoadBalancer': (asset, c) => ({
    product: 'Slb', action: 'DescribeLoadBalancers', region: asset.region, params: {},
    response: { LoadBalancers: { LoadBalancer: [{ LoadBalancerId: asset.resourceId, AddressType: c.addressType, Address: c.address }] } },
  }),
  'ALIYUN::OSS::Bucket': (asset, c) => ({
    product: 'Oss', action: 'ListBuckets', region: null, params: {},
    response: `<?xml version="1.0" encoding="UTF-8"?>\n<ListAllMyBucketsResult><Buckets><Bucket>${xmlElements({
      Name: asset.resourceId, Location: c.location, Region: asset.region, StorageClass: c.storageClass, CreationDate: c.creationDate,
    })}</Bucket></Buckets></ListAllMyBucketsResult>`,
  }),
};

/** `<Key>value</Key>` for each present value, escaped. */
function xmlElements(values: Record<string, unknown>): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return Object.entries(values)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([key, value]) => `<${key}>${escape(value)}</${key}>`)
    .join('');
}

export const canReadLiveState = (resourceType: string): boolean => resourceType in FRAMES;

export type LiveState = { ok: true; asset: Asset } | { ok: false; reason: string };

/**
 * Re-normalises the capture reads' answers through the importer's normalisers and lays the `fields` they cover over
 * the stored asset. A field the reads could not establish (an API error, a missing page) is a refusal, not a guess.
 */
export function readLiveState(stored: Asset, captures: ReadonlyArray<{ call: SnapshotCall; fields: readonly string[] }>): LiveState {
  const frame = FRAMES[stored.resourceType];
  if (frame === undefined) return { ok: false, reason: `no live read of ${stored.resourceType}` };
  const config = stored.configuration as Record<string, unknown>;
  const calls = [...(frame === null ? [] : [frame(stored, config)]), ...captures.map((c) => c.call)];
  let inventory: NormalisedInventory;
  try {
    inventory = normaliseSnapshot({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, accountId: stored.accountId, capturedAt: null, calls });
  } catch (error) {
    return { ok: false, reason: `the live answer could not be read: ${(error as Error).message}` };
  }
  // A read no normaliser takes would leave the frame's (stored) values standing in for the live ones.
  const unread = inventory.unknownActions[0];
  if (unread) return { ok: false, reason: `no live read of ${unread.product} ${unread.action}` };
  const assets = inventory.assets;
  const live = assets.find((asset) => asset.id === stored.id);
  if (!live) return { ok: false, reason: `the live answer does not describe ${stored.id}` };
  const merged: Record<string, unknown> = structuredClone(config);
  const fields = captures.flatMap((c) => c.fields);
  for (const field of fields) {
    const gap = live.unknown.find((u) => u.fields.some((f) => f === field || field.startsWith(`${f}.`) || f.startsWith(`${field}.`)));
    if (gap) return { ok: false, reason: `${field} could not be read live (${gap.source}: ${gap.error.code})` };
    setPath(merged, field, getPath(live.configuration as Record<string, unknown>, field));
  }
  const unknown = stored.unknown.filter((u) => !u.fields.some((f) => fields.some((field) => f === field || f.startsWith(`${field}.`))));
  return { ok: true, asset: { ...stored, configuration: merged as Asset['configuration'], unknown } };
}

function getPath(object: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), object);
}

function setPath(object: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = object;
  for (const key of keys.slice(0, -1)) {
    if (at[key] === null || typeof at[key] !== 'object') at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  at[keys[keys.length - 1]!] = value;
}
