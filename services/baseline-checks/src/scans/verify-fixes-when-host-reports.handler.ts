import type { EntityManager } from 'typeorm';
import type { HostFacts } from '@rampart/host-facts';
import { baselineCheckItem } from '../catalogue/baseline-catalogue';
import type { Params } from '../catalogue/baseline-check-item';
import { evaluateHost } from '../catalogue/baseline-evaluator';
import { storeBaselineResults } from '../results/baseline-results.writer';
import { TASK_COLUMNS, type BaselineTaskRow } from './baseline-scan-task.model';

/** A BASELINE_FIX task settled by a report, with what billing must still be told. */
export interface SettledFix {
  task: BaselineTaskRow;
  fixed: boolean;
  /** The fix's open reservation (metered plans): post one unit when fixed, nothing otherwise. */
  reservationId: string | null;
  checkItemId: string;
  hostId: string;
}

/**
 * Facts reported after a fix was requested verify it: the fixed item is re-evaluated on them, its result is stored
 * (with its change event), and the BASELINE_FIX task completes (now PASS, one quota unit on a metered plan) or fails.
 * Runs in the report's transaction; the caller posts the reservations once it committed.
 */
export async function verifyFixesWhenHostReports(manager: EntityManager, tenantId: string, hostId: string, facts: HostFacts): Promise<SettledFix[]> {
  const pending = (await manager.query(
    `SELECT t.id, t.started_at, t.metered, t.reservation_id, r.check_item_id, r.params
       FROM baseline_tasks t JOIN baseline_results r ON r.id = t.result_ids[1]
      WHERE t.kind = 'BASELINE_FIX' AND t.status IN ('QUEUED', 'RUNNING') AND t.host_ids[1] = $1
      FOR UPDATE OF t`,
    [hostId],
  )) as Array<{ id: string; started_at: Date; metered: boolean; reservation_id: string | null; check_item_id: string; params: Params }>;
  const settled: SettledFix[] = [];
  for (const task of pending) {
    const item = baselineCheckItem(task.check_item_id);
    // Facts collected before the fix was requested say nothing about it.
    if (item === undefined || Date.parse(facts.collectedAt) <= new Date(task.started_at).getTime()) continue;
    const [outcome] = evaluateHost(facts, { name: 'verify', items: [{ item, params: task.params }] }).results;
    await storeBaselineResults(manager, tenantId, task.id, hostId, [{ ...outcome!, params: task.params }]);
    const fixed = outcome!.status === 'PASS';
    const [rows] = (await manager.query(
      `UPDATE baseline_tasks SET status = $2, completed = 1, failed = $3, quota_consumed = $4, finished_at = now(), error = $5
        WHERE id = $1 RETURNING ${TASK_COLUMNS}`,
      [task.id, fixed ? 'COMPLETED' : 'FAILED', fixed ? 0 : 1, fixed && task.metered ? 1 : 0, fixed ? null : `still ${outcome!.status}: ${outcome!.reason}`],
    )) as [BaselineTaskRow[], number];
    settled.push({ task: rows[0]!, fixed, reservationId: task.reservation_id, checkItemId: item.id, hostId });
  }
  return settled;
}
