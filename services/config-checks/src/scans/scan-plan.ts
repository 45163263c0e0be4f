import type { EntityManager } from 'typeorm';
import type { PlannedEvaluation } from './scan-task.row';

/** Fewest evaluations per batch: one quota reservation, one transaction and one progress update each. */
export const SCAN_BATCH_SIZE = 100;
/** Most evaluations per batch, so a batch commits well within half a second on a busy machine. */
export const MAX_SCAN_BATCH_SIZE = 2000;
/** Batches a large scan is cut into (more for scans beyond MAX_SCAN_BATCH_SIZE × this). */
const TARGET_BATCHES = 200;

export function batchSizeFor(total: number): number {
  return Math.min(MAX_SCAN_BATCH_SIZE, Math.max(SCAN_BATCH_SIZE, Math.ceil(total / TARGET_BATCHES)));
}

const byAssetThenItem = (a: PlannedEvaluation, b: PlannedEvaluation) =>
  a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;

/** Sorts the evaluations (asset, then item) and cuts them into batches of `batchSize`. */
export function cutIntoBatches(plan: PlannedEvaluation[], batchSize: number): PlannedEvaluation[][] {
  plan.sort(byAssetThenItem);
  const batches: PlannedEvaluation[][] = [];
  for (let start = 0; start < plan.length; start += batchSize) batches.push(plan.slice(start, start + batchSize));
  return batches;
}

const ROWS_PER_INSERT = 100;

export async function insertPlan(manager: EntityManager, tenantId: string, taskId: string, batches: PlannedEvaluation[][]): Promise<void> {
  for (let first = 0; first < batches.length; first += ROWS_PER_INSERT) {
    const chunk = batches.slice(first, first + ROWS_PER_INSERT);
    const params: unknown[] = [tenantId, taskId];
    const rows = chunk.map((batch, i) => {
      params.push(first + i, batch.map(([itemId]) => itemId), batch.map(([, assetId]) => assetId));
      const at = params.length;
      return `($1, $2, $${at - 2}, $${at - 1}, $${at})`;
    });
    await manager.query(`INSERT INTO scan_task_batches (tenant_id, task_id, batch, check_item_ids, asset_ids) VALUES ${rows.join(', ')}`, params);
  }
}

export async function loadBatch(manager: EntityManager, taskId: string, batch: number): Promise<PlannedEvaluation[]> {
  const rows = (await manager.query('SELECT check_item_ids, asset_ids FROM scan_task_batches WHERE task_id = $1 AND batch = $2', [taskId, batch])) as Array<{
    check_item_ids: string[];
    asset_ids: string[];
  }>;
  const row = rows[0];
  if (!row) throw new Error(`Scan task ${taskId} has no batch ${batch}`);
  return row.check_item_ids.map((itemId, i): PlannedEvaluation => [itemId, row.asset_ids[i]]);
}
