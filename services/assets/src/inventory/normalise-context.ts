import {
  RESOURCE_TYPES, assetId,
  type Asset, type AssetConfiguration, type InventoryGap, type Product, type Relationship, type RelationshipType, type ResourceTypeKey,
} from '@rampart/asset-model';
import { CallIndex, paramValues, type IndexedCall } from './call-index';
import { ProblemLog, ResponseReader, isObject, type JsonObject } from './response-reader';
import type { SnapshotApiError } from './snapshot.schema';
import { XmlBodyCache } from './xml-body.parser';

/** The part of an asset that unknown-field bookkeeping touches. */
export type UnknownHolder = Pick<Asset, 'unknown' | 'resourceId'>;

/** What the snapshot says about one resource's detail call. */
export type Outcome =
  /** Every recorded page answered (an error whose code means "not configured", e.g. NoSuchBucketPolicy, counts as an answer). */
  | { kind: 'answered'; calls: readonly IndexedCall[] }
  | { kind: 'failed'; error: SnapshotApiError; call: IndexedCall }
  | { kind: 'missing' };

export interface Body {
  ic: IndexedCall;
  reader: ResponseReader;
  body: JsonObject;
}

/** Calls covering a region, optionally narrowed by a filter parameter (DescribeInstanceRamRole's `InstanceIds`). */
export class RegionCoverage {
  private readonly unfiltered = new Map<string, IndexedCall[]>();
  private readonly filtered = new Map<string, IndexedCall[]>();

  constructor(calls: readonly IndexedCall[], filterParam: string | null) {
    for (const ic of calls) {
      const region = ic.call.region ?? '';
      const ids = filterParam === null ? null : paramValues(ic.call.params, filterParam);
      if (ids === null) push(this.unfiltered, region, ic);
      else for (const id of ids) push(this.filtered, `${region}|${id}`, ic);
    }
  }

  outcome(region: string | null, resourceId: string): Outcome {
    const all = this.unfiltered.get(region ?? '');
    const some = this.filtered.get(`${region ?? ''}|${resourceId}`);
    return outcomeOf(all === undefined ? some ?? [] : some === undefined ? all : [...all, ...some], []);
  }
}

function outcomeOf(calls: readonly IndexedCall[], absentCodes: readonly string[]): Outcome {
  if (calls.length === 0) return { kind: 'missing' };
  for (const ic of calls) {
    const error = ic.call.error;
    if (error !== undefined && !absentCodes.includes(error.code)) return { kind: 'failed', error, call: ic };
  }
  return { kind: 'answered', calls };
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * State shared by the product normalisers during one import: the call index, the assets emitted so far (by id),
 * the problems found, the inventory gaps, and a few cross-product look-ups (ECS private IPs for NAT DNAT entries,
 * ENI → VPC for flow logs).
 */
export class NormaliseContext {
  readonly problems = new ProblemLog();
  readonly assets = new Map<string, Asset>();
  readonly incomplete: InventoryGap[] = [];
  /** `<vpcId>|<private ip>` → ECS instance asset id. */
  readonly instanceByPrivateIp = new Map<string, string>();
  /** ENI id → VPC id. */
  readonly eniVpc = new Map<string, string>();
  readonly xmlBodies = new XmlBodyCache();
  private readonly coverages = new Map<string, RegionCoverage>();
  private readonly idPrefixes = new Map<ResourceTypeKey, Map<string | null, string>>();

  constructor(readonly accountId: string, readonly index: CallIndex) {}

  reader(ic: IndexedCall): ResponseReader {
    return new ResponseReader(this.problems, ic.index);
  }

  /**
   * The answered pages of an inventory list call. A page that recorded an error makes that product's inventory in
   * that region incomplete, which the import result reports.
   */
  listBodies(product: string, action: string): Body[] {
    const out: Body[] = [];
    for (const ic of this.index.of(product, action)) {
      if (ic.call.error !== undefined) {
        this.incomplete.push({ source: `${product}:${action}`, region: ic.call.region, error: ic.call.error });
        continue;
      }
      const body = ic.call.response;
      if (isObject(body)) out.push({ ic, reader: this.reader(ic), body });
    }
    return out;
  }

  /** JSON body of an answered call (null for a recorded error). */
  bodyOf(ic: IndexedCall): Body | null {
    const body = ic.call.response;
    return ic.call.error === undefined && isObject(body) ? { ic, reader: this.reader(ic), body } : null;
  }

  /** The JSON bodies of an answered outcome (its pages), empty otherwise. */
  answered(outcome: Outcome): Body[] {
    if (outcome.kind !== 'answered') return [];
    const bodies: Body[] = [];
    for (const ic of outcome.calls) {
      const body = this.bodyOf(ic);
      if (body !== null) bodies.push(body);
    }
    return bodies;
  }

  /** The detail calls recorded for one resource, joined on a request parameter (e.g. SecurityGroupId). */
  detail(product: string, action: string, param: string, value: string, absentCodes: readonly string[] = []): Outcome {
    return outcomeOf(this.index.byParam(product, action, param).get(value) ?? [], absentCodes);
  }

  /** Region-wide detail calls (DescribeFlowLogs, DescribeInstanceRamRole, DescribeLoadBalancerListeners). */
  coverage(product: string, action: string, filterParam: string | null): RegionCoverage {
    const key = `${product}:${action}:${filterParam ?? ''}`;
    let coverage = this.coverages.get(key);
    if (coverage === undefined) {
      coverage = new RegionCoverage(this.index.of(product, action), filterParam);
      this.coverages.set(key, coverage);
    }
    return coverage;
  }

  /**
   * Marks configuration fields unknown when their call failed or was never recorded; checks reading them report
   * ERROR. Returns true when the outcome was an answer.
   */
  noteOutcome(asset: UnknownHolder, fields: readonly string[], source: string, outcome: Outcome): boolean {
    if (outcome.kind === 'answered') return true;
    this.markUnknown(asset, fields, source, outcome.kind === 'failed' ? outcome.error : null);
    return false;
  }

  /** Marks fields unknown because `source` failed with `error`, or (null) was never recorded for this resource. */
  markUnknown(asset: UnknownHolder, fields: readonly string[], source: string, error: SnapshotApiError | null): void {
    addUnknown(asset, fields, source, error ?? { code: 'NotCollected', message: `the snapshot records no ${source} call covering ${asset.resourceId}` });
  }

  newAsset<C extends AssetConfiguration>(
    key: ResourceTypeKey, product: Product, region: string | null, idRegion: string | null, resourceId: string,
    name: string | null, tags: Record<string, string>, configuration: C,
  ): Asset<C> {
    return {
      id: this.id(key, idRegion, resourceId),
      provider: 'ALIBABA_CLOUD',
      accountId: this.accountId,
      region,
      product,
      resourceType: RESOURCE_TYPES[key],
      resourceId,
      name: name ?? resourceId,
      tags,
      configuration,
      relationships: [],
      unknown: [],
    };
  }

  /** Adds an asset; the first one wins when pages or regions list the same resource twice. */
  emit<C extends AssetConfiguration>(asset: Asset<C>): Asset<C> {
    const existing = this.assets.get(asset.id);
    // The id encodes the resource type, so an earlier asset with this id has the same configuration type.
    if (existing !== undefined) return existing as Asset<C>;
    this.assets.set(asset.id, asset);
    return asset;
  }

  /**
   * `assetId(key, account, region, resourceId)`, built from a cached `acs:<service>:<region>:<account>:<kind>/` prefix:
   * relationships name the same VPCs, groups and VSwitches thousands of times, and one concatenation is cheaper.
   */
  id(key: ResourceTypeKey, region: string | null, resourceId: string): string {
    let byRegion = this.idPrefixes.get(key);
    if (byRegion === undefined) {
      byRegion = new Map();
      this.idPrefixes.set(key, byRegion);
    }
    let prefix = byRegion.get(region);
    if (prefix === undefined) {
      prefix = assetId(key, this.accountId, region, '');
      byRegion.set(region, prefix);
    }
    return prefix + resourceId;
  }
}

/** Adds a relationship unless the same (type, target) is already there. */
export function link(
  asset: Pick<Asset, 'relationships'>, type: RelationshipType, targetId: string, properties?: Relationship['properties'],
): void {
  for (const r of asset.relationships) if (r.type === type && r.targetId === targetId) return;
  asset.relationships.push(properties === undefined ? { type, targetId } : { type, targetId, properties });
}

export function addUnknown(asset: Pick<Asset, 'unknown'>, fields: readonly string[], source: string, error: SnapshotApiError): void {
  for (const u of asset.unknown) {
    if (u.source === source) {
      for (const f of fields) if (!u.fields.includes(f)) u.fields.push(f);
      return;
    }
  }
  asset.unknown.push({ fields: [...fields], source, error: { code: error.code, message: error.message } });
}
