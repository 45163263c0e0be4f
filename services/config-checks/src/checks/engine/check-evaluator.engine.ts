import type { Asset } from '@rampart/asset-model';
import type { CheckItem, StandardId } from '../model/check-item.definition';
import type { CheckParams } from '../model/check-params.definition';
import type { CheckResult, CheckStatus } from '../model/check-result.definition';
import { resolveCheckParams } from './check-params.resolver';
import { ScanIndex } from './scan-index.context';
import { UnknownCheckItemError } from './unknown-check-item.error';

export interface ScanSelection {
  /** Items to run; all of the catalogue when omitted. */
  readonly checkItemIds?: readonly string[];
  /** Assets to evaluate; the whole inventory when omitted (the inventory is still the context either way). */
  readonly assetIds?: readonly string[];
  /** Only items referencing this standard. */
  readonly standard?: StandardId;
}
export interface ScanOptions extends ScanSelection {
  /** Scan time; age-based checks measure against it. Defaults to the current time. */
  readonly now?: number | Date;
  /** Per-item parameter overrides (a profile or custom policy), validated against each item's schema. */
  readonly params?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}
export interface ScanSummary {
  readonly evaluations: number;
  readonly byStatus: Readonly<Record<CheckStatus, number>>;
}
export type ResultSink = (result: CheckResult) => void;

interface PreparedItem {
  readonly item: CheckItem;
  readonly params: CheckParams;
}

/**
 * Runs check items over an inventory. Items are grouped by resource type once per scan, so each asset meets only the
 * items written for it; the inventory is indexed once (ScanIndex) and derived facts are memoised per scan.
 */
export class CheckEvaluator {
  private readonly byId: ReadonlyMap<string, CheckItem>;

  constructor(private readonly catalogue: readonly CheckItem[]) {
    this.byId = new Map(catalogue.map((item) => [item.id, item]));
  }

  item(id: string): CheckItem | undefined {
    return this.byId.get(id);
  }

  select(selection: ScanSelection = {}): CheckItem[] {
    let items: CheckItem[];
    if (selection.checkItemIds !== undefined) {
      items = selection.checkItemIds.map((id, i) => {
        const item = this.byId.get(id);
        if (item === undefined) throw new UnknownCheckItemError(id, { path: `checkItemIds.${i}` });
        return item;
      });
    } else items = [...this.catalogue];
    const { standard } = selection;
    if (standard !== undefined) items = items.filter((item) => item.standards.some((s) => s.standard === standard));
    return items;
  }

  context(inventory: readonly Asset[], now: number | Date = Date.now()): ScanIndex {
    return new ScanIndex(inventory, typeof now === 'number' ? now : now.getTime());
  }

  /** Streams one result per (asset, applicable item) to `sink`; returns counts. */
  run(inventory: readonly Asset[], options: ScanOptions, sink: ResultSink): ScanSummary {
    const ctx = this.context(inventory, options.now);
    const byType = this.prepare(options);
    let pass = 0;
    let fail = 0;
    let error = 0;
    let notApplicable = 0;
    const targets = options.assetIds === undefined ? inventory : this.targets(ctx, options.assetIds);
    for (let a = 0; a < targets.length; a++) {
      const asset = targets[a];
      const plan = byType.get(asset.resourceType);
      if (plan === undefined) continue;
      for (let i = 0; i < plan.length; i++) {
        const { item, params } = plan[i];
        const v = item.evaluate(asset, ctx, params);
        const status = v.status;
        if (status === 'PASS') pass++;
        else if (status === 'FAIL') fail++;
        else if (status === 'ERROR') error++;
        else notApplicable++;
        sink({ checkItemId: item.id, assetId: asset.id, status, reason: v.reason, evidence: v.evidence });
      }
    }
    const byStatus: Record<CheckStatus, number> = { PASS: pass, FAIL: fail, ERROR: error, NOT_APPLICABLE: notApplicable };
    return { evaluations: pass + fail + error + notApplicable, byStatus };
  }

  evaluate(inventory: readonly Asset[], options: ScanOptions = {}): CheckResult[] {
    const results: CheckResult[] = [];
    this.run(inventory, options, (r) => results.push(r));
    return results;
  }

  /** Re-evaluates given (item, asset) pairs, e.g. for verifyCheckResults; pairs whose asset is gone are skipped. */
  verify(
    inventory: readonly Asset[],
    pairs: readonly { readonly checkItemId: string; readonly assetId: string }[],
    options: Pick<ScanOptions, 'now' | 'params'> = {},
  ): CheckResult[] {
    const ctx = this.context(inventory, options.now);
    const results: CheckResult[] = [];
    pairs.forEach(({ checkItemId, assetId }, i) => {
      const item = this.byId.get(checkItemId);
      if (item === undefined) throw new UnknownCheckItemError(checkItemId, { path: `pairs.${i}.checkItemId` });
      const asset = ctx.asset(assetId);
      if (asset === undefined || asset.resourceType !== item.resourceType) return;
      const params = resolveCheckParams(item.params, item.defaultParams, options.params?.[item.id], `params.${item.id}`);
      const v = item.evaluate(asset, ctx, params);
      results.push({ checkItemId, assetId, status: v.status, reason: v.reason, evidence: v.evidence });
    });
    return results;
  }

  private prepare(options: ScanOptions): Map<string, PreparedItem[]> {
    const byType = new Map<string, PreparedItem[]>();
    for (const item of this.select(options)) {
      const params = resolveCheckParams(item.params, item.defaultParams, options.params?.[item.id], `params.${item.id}`);
      const list = byType.get(item.resourceType);
      if (list === undefined) byType.set(item.resourceType, [{ item, params }]);
      else list.push({ item, params });
    }
    return byType;
  }

  private targets(ctx: ScanIndex, assetIds: readonly string[]): Asset[] {
    const found: Asset[] = [];
    for (const id of new Set(assetIds)) {
      const asset = ctx.asset(id);
      if (asset !== undefined) found.push(asset);
    }
    return found;
  }
}
