import type { EntityManager } from 'typeorm';
import type { JsonObject } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { Asset } from '@rampart/asset-model';
import { create, EVENTS, ResultChange, ResultChangedSchema } from '@rampart/contracts';
import { loadReplicatedAssets, publishInTransaction } from '@rampart/messaging';
import type { CheckEvaluator } from '../checks';

function changeOf(previous: string, status: string, previousReason: string, reason: string): ResultChange | null {
  if (previous === 'FAIL' && status !== 'FAIL' && status !== 'ERROR') return ResultChange.RESOLVED;
  if (previous !== 'FAIL' && status === 'FAIL') return ResultChange.REGRESSED;
  if (previous !== status || previousReason !== reason) return ResultChange.UPDATED;
  return null;
}

/**
 * Re-evaluates the fixed (or rolled back) result on the asset as the assets service re-read it after the writes, in
 * the task's transaction: the result row and its change event, without a separate (and separately charged) VERIFY.
 */
export async function recordFixedResult(
  manager: EntityManager,
  evaluator: CheckEvaluator,
  fix: { tenantId: string; taskId: string; resultId: string; checkItemId: string; assetId: string },
  refreshed: Asset,
): Promise<string | null> {
  const inventory = (await loadReplicatedAssets(manager)).filter((asset) => asset.id !== refreshed.id);
  const [result] = evaluator.verify([...inventory, refreshed], [{ checkItemId: fix.checkItemId, assetId: fix.assetId }]);
  if (!result) return null;
  const previous = (await manager.query('SELECT status, reason, severity FROM check_results WHERE id = $1', [fix.resultId])) as Array<{ status: string; reason: string; severity: string }>;
  if (!previous[0]) return null;
  await manager.query(
    `UPDATE check_results SET status = $2, reason = $3, evidence = $4, last_seen_at = now(), last_task_id = $5 WHERE id = $1`,
    [fix.resultId, result.status, result.reason, JSON.stringify(result.evidence ?? {}), fix.taskId],
  );
  const change = changeOf(previous[0].status, result.status, previous[0].reason, result.reason);
  if (change !== null) {
    await publishInTransaction(
      manager,
      EVENTS.resultChanged,
      fix.tenantId,
      create(ResultChangedSchema, {
        tenantId: fix.tenantId,
        resultId: fix.resultId,
        checkItemId: fix.checkItemId,
        assetId: fix.assetId,
        status: result.status,
        previousStatus: previous[0].status,
        severity: previous[0].severity,
        change,
        taskId: fix.taskId,
        reason: result.reason,
        evidence: (result.evidence ?? {}) as unknown as JsonObject,
        occurredAt: timestampFromDate(new Date()),
      }),
    );
  }
  return result.status;
}
