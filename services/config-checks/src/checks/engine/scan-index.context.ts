import { RESOURCE_TYPES, type Asset, type ResourceType, type ResourceTypeKey } from '@rampart/asset-model';
import type { AssetOf, EvaluationContext, MemoKey } from '../model/evaluation-context.definition';

const EMPTY: readonly Asset[] = Object.freeze([]);

interface AssetMemo {
  lastAsset: Asset | null;
  lastValue: unknown;
  /** A plain Map: the index lives for one scan only, and large WeakMaps make every young-generation GC slower. */
  readonly values: Map<Asset, unknown>;
}

/**
 * The inventory of one scan, indexed once: by id, by (type, account, resource id) and by (account, type), plus
 * per-scan caches for derived values (security-group exposure, account-wide listings). Indexes are built on first use,
 * so a scan pays only for the lookups its items make.
 */
export class ScanIndex implements EvaluationContext {
  private byIdIndex: Map<string, Asset> | null = null;
  private byAccountTypeIndex: Map<string, Map<string, Asset[]>> | null = null;
  /** resource type → account → resource id → asset; built per type on first lookup. */
  private readonly byResource = new Map<string, Map<string, Map<string, Asset>>>();
  private readonly assetMemos = new Map<object, AssetMemo>();
  private readonly accountMemos = new Map<object, Map<string, unknown>>();

  constructor(
    readonly assets: readonly Asset[],
    readonly now: number,
  ) {}

  asset(id: string): Asset | undefined {
    if (this.byIdIndex === null) {
      this.byIdIndex = new Map();
      for (const a of this.assets) this.byIdIndex.set(a.id, a);
    }
    return this.byIdIndex.get(id);
  }

  byResourceId<K extends ResourceTypeKey>(kind: K, accountId: string, resourceId: string): AssetOf<K> | undefined {
    const type = RESOURCE_TYPES[kind];
    let index = this.byResource.get(type);
    if (index === undefined) {
      index = new Map();
      for (const [account, accountTypes] of this.accountTypes()) {
        const byId = new Map<string, Asset>();
        for (const a of accountTypes.get(type) ?? EMPTY) byId.set(a.resourceId, a);
        index.set(account, byId);
      }
      this.byResource.set(type, index);
    }
    return index.get(accountId)?.get(resourceId) as AssetOf<K> | undefined;
  }

  ofKind<K extends ResourceTypeKey>(kind: K, accountId: string): readonly AssetOf<K>[] {
    return (this.accountTypes().get(accountId)?.get(RESOURCE_TYPES[kind]) ?? EMPTY) as readonly AssetOf<K>[];
  }

  account(accountId: string): AssetOf<'account'> | undefined {
    return this.ofKind('account', accountId)[0];
  }

  memo<T>(key: MemoKey<T>, asset: Asset, compute: () => T, persist?: (value: T) => boolean): T {
    let slot = this.assetMemos.get(key);
    if (slot === undefined) {
      slot = { lastAsset: null, lastValue: undefined, values: new Map() };
      this.assetMemos.set(key, slot);
    }
    // The engine runs all items of one asset back to back, so the last entry answers almost every lookup.
    if (slot.lastAsset === asset) return slot.lastValue as T;
    let value = slot.values.get(asset) as T | undefined;
    if (value === undefined) {
      value = compute();
      if (persist === undefined || persist(value)) slot.values.set(asset, value);
    }
    slot.lastAsset = asset;
    slot.lastValue = value;
    return value;
  }

  perAccount<T>(key: MemoKey<T>, accountId: string, compute: () => T): T {
    let slot = this.accountMemos.get(key);
    if (slot === undefined) {
      slot = new Map();
      this.accountMemos.set(key, slot);
    }
    if (slot.has(accountId)) return slot.get(accountId) as T;
    const value = compute();
    slot.set(accountId, value);
    return value;
  }

  private accountTypes(): Map<string, Map<string, Asset[]>> {
    if (this.byAccountTypeIndex === null) {
      const index = new Map<string, Map<ResourceType | string, Asset[]>>();
      for (const a of this.assets) {
        let types = index.get(a.accountId);
        if (types === undefined) {
          types = new Map();
          index.set(a.accountId, types);
        }
        const list = types.get(a.resourceType);
        if (list === undefined) types.set(a.resourceType, [a]);
        else list.push(a);
      }
      this.byAccountTypeIndex = index;
    }
    return this.byAccountTypeIndex;
  }
}
