import type { Asset } from '@rampart/asset-model';
import { resolveCheckParams } from '../engine/check-params.resolver';
import { ScanIndex } from '../engine/scan-index.context';
import { UnknownCheckItemError } from '../engine/unknown-check-item.error';
import type { CheckItem } from '../model/check-item.definition';
import type { FixPlanOutcome } from '../model/fix-plan.definition';

export interface FixRequest {
  readonly checkItemId: string;
  readonly assetId: string;
  /** The item's parameters as used by the scan (profile / custom policy). */
  readonly params?: Readonly<Record<string, unknown>>;
  /** The fix's own parameters (CONTRACT `fixCheckResult(id, params)`). */
  readonly fixParams?: Readonly<Record<string, unknown>>;
  readonly now?: number | Date;
}

/**
 * Plans a fix as data: re-evaluates the item on the current inventory and, only when it FAILs, returns the ordered
 * writes, the reads that confirm the prior state, and the rollback. Executing the calls is the service's job.
 */
export class FixPlanner {
  private readonly byId: ReadonlyMap<string, CheckItem>;

  constructor(catalogue: readonly CheckItem[]) {
    this.byId = new Map(catalogue.map((item) => [item.id, item]));
  }

  plan(inventory: readonly Asset[], request: FixRequest): FixPlanOutcome {
    const item = this.byId.get(request.checkItemId);
    if (item === undefined) throw new UnknownCheckItemError(request.checkItemId, { path: 'checkItemId' });
    if (item.fix === null) return { ok: false, reason: `${item.id} has no automatic fix` };
    const now = request.now === undefined ? Date.now() : typeof request.now === 'number' ? request.now : request.now.getTime();
    const ctx = new ScanIndex(inventory, now);
    const asset = ctx.asset(request.assetId);
    if (asset === undefined) return { ok: false, reason: `asset ${request.assetId} is not in the inventory` };
    if (asset.resourceType !== item.resourceType) return { ok: false, reason: `${item.id} does not apply to ${asset.resourceType}` };
    const params = resolveCheckParams(item.params, item.defaultParams, request.params);
    const fixParams = resolveCheckParams(item.fix.params, item.fix.defaultParams, request.fixParams, 'fixParams');
    const current = item.evaluate(asset, ctx, params);
    if (current.status !== 'FAIL') return { ok: false, reason: `nothing to fix: the check is ${current.status} (${current.reason})` };
    return item.fix.plan(asset, ctx, params, fixParams);
  }
}
