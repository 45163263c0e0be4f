import type { Logger, TenantDatabase } from '@rampart/platform';
import { resolveCheckParams, type CheckEvaluator, type CheckItem, type CheckParams, type CheckResult, type ScanIndex } from '../checks';
import type { BillingClient } from './billing.client';
import { ScanInventoryCache } from './scan-inventory.cache';
import { loadBatch } from './scan-plan';
import type { PlannedEvaluation, ScanTaskRow } from './scan-task.row';

/** A batch ready to commit: its reservation, the results of its granted prefix and the task status they lead to. */
export type PreparedBatch =
  | { refused: false; reservationId: string; results: CheckResult[]; status: 'RUNNING' | 'COMPLETED' | 'STOPPED_QUOTA_EXHAUSTED' }
  | { refused: true; code: string; reason: string };

/** Batches prepared ahead that a worker keeps (another replica may run them instead: the reservation id is the same). */
const PREPARED_KEPT = 8;

/**
 * Everything a batch needs before its transaction: its planned evaluations, billing's grant for the paid ones
 * (reservation id `<task>:<batch>`, so asking twice gets the first answer) and the evaluation of the granted prefix.
 * While batch k commits, batch k+1 is prepared, so the database and billing never wait on each other.
 */
export class ScanBatchPreparer {
  private readonly inventory: ScanInventoryCache;
  private readonly params = new Map<string, CheckParams>();
  private readonly ahead = new Map<string, Promise<PreparedBatch>>();

  constructor(
    private readonly database: TenantDatabase,
    private readonly billing: BillingClient,
    private readonly evaluator: CheckEvaluator,
    private readonly logger: Logger,
  ) {
    this.inventory = new ScanInventoryCache(database, evaluator);
  }

  /** The batch prepared ahead, or prepared now. */
  take(task: ScanTaskRow, batch: number): Promise<PreparedBatch> {
    const key = `${task.tenant_id}\u0000${task.id}\u0000${batch}`;
    const prepared = this.ahead.get(key);
    this.ahead.delete(key);
    return prepared ?? this.prepare(task, batch);
  }

  /** Starts preparing the batch; a failure is forgotten here and met again when the batch's message arrives. */
  prepareAhead(task: ScanTaskRow, batch: number): void {
    const prepared = this.prepare(task, batch);
    prepared.catch((error: unknown) => {
      this.ahead.delete(`${task.tenant_id}\u0000${task.id}\u0000${batch}`);
      this.logger.debug({ err: error, taskId: task.id, batch }, 'preparing a batch ahead failed');
    });
    this.ahead.set(`${task.tenant_id}\u0000${task.id}\u0000${batch}`, prepared);
    for (const old of this.ahead.keys()) if (this.ahead.size > PREPARED_KEPT) this.ahead.delete(old);
  }

  forget(task: Pick<ScanTaskRow, 'tenant_id' | 'id'>): void {
    this.inventory.forget(task.tenant_id, task.id);
  }

  private async prepare(task: ScanTaskRow, batch: number): Promise<PreparedBatch> {
    // The task's first batch reads the inventory while it reserves.
    const context = this.inventory.context(task.tenant_id, task.id, task.started_at ?? new Date());
    const planned = await this.database.run(task.tenant_id, (m) => loadBatch(m, task.id, batch));
    const paidItems = new Set(task.paid_items);
    const paidCount = planned.filter(([itemId]) => paidItems.has(itemId)).length;
    let granted = 0;
    let reservationId = '';
    if (paidCount > 0) {
      const answer = await this.billing.reserve({ id: `${task.id}:${batch}`, tenantId: task.tenant_id, units: paidCount, operation: task.kind, taskId: task.id });
      if (answer.errorCode) return { refused: true, code: answer.errorCode, reason: answer.errorMessage };
      granted = Number(answer.granted);
      reservationId = answer.reservationId;
    }
    // The granted prefix: stop at the first paid evaluation billing did not grant.
    const prefix: PlannedEvaluation[] = [];
    let paidInPrefix = 0;
    for (const pair of planned) {
      if (paidItems.has(pair[0])) {
        if (paidInPrefix === granted) break;
        paidInPrefix++;
      }
      prefix.push(pair);
    }
    const last = (batch + 1) * task.batch_size >= task.total;
    const status = prefix.length < planned.length ? 'STOPPED_QUOTA_EXHAUSTED' : last ? 'COMPLETED' : 'RUNNING';
    return { refused: false, reservationId, results: this.evaluate(await context, prefix), status };
  }

  /** Evaluates planned pairs against the task's inventory; a pair whose asset left the inventory gives no result. */
  private evaluate(context: ScanIndex, pairs: PlannedEvaluation[]): CheckResult[] {
    const results: CheckResult[] = [];
    for (const [checkItemId, assetId] of pairs) {
      const item = this.evaluator.item(checkItemId);
      const asset = context.asset(assetId);
      if (!item || !asset || asset.resourceType !== item.resourceType) continue;
      const verdict = item.evaluate(asset, context, this.paramsOf(item));
      results.push({ checkItemId, assetId, status: verdict.status, reason: verdict.reason, evidence: verdict.evidence });
    }
    return results;
  }

  private paramsOf(item: CheckItem): CheckParams {
    let params = this.params.get(item.id);
    if (!params) {
      params = resolveCheckParams(item.params, item.defaultParams, undefined, `params.${item.id}`);
      this.params.set(item.id, params);
    }
    return params;
  }
}
