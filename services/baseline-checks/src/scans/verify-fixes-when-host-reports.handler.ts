import type { EntityManager } from 'typeorm';
import type { HostFacts } from '@rampart/host-facts';
import type { TaskProgress } from '@rampart/messaging';
import { baselineCheckItem } from '../catalogue/baseline-catalogue';
import type { BaselineStatus, Params } from '../catalogue/baseline-check-item';
import { evaluateHost } from '../catalogue/baseline-evaluator';
import { fullCataloguePolicy } from '../catalogue/baseline-policy';
import { scoreHost } from '../catalogue/baseline-score';
import { TASK_COLUMNS, type BaselineTaskRow } from './baseline-scan-task.model';

const SCORING_POLICY = fullCataloguePolicy();

/**
 * Facts reported after a fix was requested verify it: the fixed item is re-evaluated on them, its result row is
 * updated, and the BASELINE_FIX task completes (now PASS) or fails. Runs in the report's transaction; returns the
 * progress of the settled tasks for the caller to publish.
 */
export async function verifyFixesWhenHostReports(manager: EntityManager, tenantId: string, hostId: string, facts: HostFacts): Promise<TaskProgress[]> {
  const pending = (await manager.query(
    `SELECT t.id, t.result_id, t.started_at, r.check_item_id, r.params FROM baseline_tasks t JOIN baseline_results r ON r.id = t.result_id
      WHERE t.kind = 'BASELINE_FIX' AND t.status IN ('QUEUED', 'RUNNING') AND t.host_ids[1] = $1`,
    [hostId],
  )) as Array<{ id: string; result_id: string; started_at: Date; check_item_id: string; params: Params }>;
  const settled: TaskProgress[] = [];
  for (const task of pending) {
    const item = baselineCheckItem(task.check_item_id);
    // Facts collected before the fix was requested say nothing about it.
    if (item === undefined || Date.parse(facts.collectedAt) <= new Date(task.started_at).getTime()) continue;
    const [outcome] = evaluateHost(facts, { name: 'verify', items: [{ item, params: task.params }] }).results;
    await manager.query('UPDATE baseline_results SET status = $2, reason = $3, evidence = $4, last_seen_at = now() WHERE id = $1', [
      task.result_id,
      outcome!.status,
      outcome!.reason,
      JSON.stringify(outcome!.evidence),
    ]);
    const fixed = outcome!.status === 'PASS';
    const [rows] = (await manager.query(
      `UPDATE baseline_tasks SET status = $2, completed = $3, failed = $4, finished_at = now(), error = $5 WHERE id = $1 RETURNING ${TASK_COLUMNS}`,
      [task.id, fixed ? 'COMPLETED' : 'FAILED', fixed ? 1 : 0, fixed ? 0 : 1, fixed ? null : `still ${outcome!.status}: ${outcome!.reason}`],
    )) as [BaselineTaskRow[], number];
    const row = rows[0]!;
    settled.push({ scanId: row.id, tenantId, kind: row.kind, status: row.status, total: row.total, completed: row.completed, failed: row.failed, quotaConsumed: 0, updatedAt: new Date().toISOString() });
  }
  if (settled.length > 0) {
    const stored = (await manager.query('SELECT check_item_id AS "itemId", status FROM baseline_results WHERE host_id = $1', [hostId])) as Array<{ itemId: string; status: BaselineStatus }>;
    await manager.query('UPDATE hosts SET scores = $2 WHERE id = $1', [hostId, JSON.stringify(scoreHost(stored, SCORING_POLICY))]);
  }
  return settled;
}
