import type { TaskProgress } from '@rampart/messaging';
import type { ScanTaskModel } from './scan-task.model';

/** One planned evaluation: [checkItemId, assetId]; a task's plan is these, sorted and cut into batches. */
export type PlannedEvaluation = [string, string];

export interface ScanTaskRow {
  tenant_id: string;
  id: string;
  kind: string;
  status: string;
  paid_items: string[];
  batch_size: number;
  next_batch: number;
  total: number;
  completed: number;
  failed: number;
  quota_consumed: number;
  started_at: Date | null;
  finished_at: Date | null;
}

export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['COMPLETED', 'STOPPED_QUOTA_EXHAUSTED', 'FAILED', 'CANCELLED']);

/** The columns of a ScanTaskRow (the plan is in scan_task_batches). */
export const TASK_COLUMNS =
  'tenant_id, id, kind, status, paid_items, batch_size, next_batch, total, completed, failed, quota_consumed, started_at, finished_at';

export function toScanTaskModel(row: ScanTaskRow): ScanTaskModel {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    total: row.total,
    completed: row.completed,
    failed: row.failed,
    quotaConsumed: row.quota_consumed,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export function toProgress(row: ScanTaskRow): TaskProgress {
  return {
    scanId: row.id,
    tenantId: row.tenant_id,
    kind: row.kind,
    status: row.status,
    total: row.total,
    completed: row.completed,
    failed: row.failed,
    quotaConsumed: row.quota_consumed,
    updatedAt: new Date().toISOString(),
  };
}
