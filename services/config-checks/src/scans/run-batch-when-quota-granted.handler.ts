import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EntityManager } from 'typeorm';
import type { JsonObject } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { create, EVENTS, ResultChange, ResultChangedSchema, UsageLineSchema, BatchCompletedSchema } from '@rampart/contracts';
import { ProgressStore, publishInTransaction, publishManyInTransaction, WorkQueueWorker } from '@rampart/messaging';
import type { Logger, TenantDatabase } from '@rampart/platform';
import type { CheckEvaluator, CheckResult } from '../checks';
import { BillingClient } from './billing.client';
import { ScanBatchPreparer } from './scan-batch.preparer';
import { TASK_COLUMNS, TERMINAL_STATUSES, toProgress, type ScanTaskRow } from './scan-task.row';
import { enqueueScanBatch, SCAN_WORK_QUEUE, type ScanBatchMessage } from './scan-work.stream';

/** TypeORM's pg driver answers UPDATE/DELETE … RETURNING with [rows, count]. */
function returnedRows<T>(answer: unknown): T[] {
  return (Array.isArray(answer) && Array.isArray(answer[0]) ? answer[0] : answer) as T[];
}

/** A result as the upsert left it: its previous status is NULL when the upsert created it. */
interface StoredResult {
  id: string;
  check_item_id: string;
  asset_id: string;
  previous_status: string | null;
  reason_changed: boolean;
}

function changeOf(previous: string | undefined, status: string, reasonChanged: boolean): ResultChange | null {
  if (previous === undefined) return ResultChange.NEW;
  if (previous === 'FAIL' && status !== 'FAIL' && status !== 'ERROR') return ResultChange.RESOLVED;
  if (previous !== 'FAIL' && status === 'FAIL') return ResultChange.REGRESSED;
  if (previous !== status || reasonChanged) return ResultChange.UPDATED;
  return null;
}

/**
 * Runs scan batches from the CONFIG_CHECKS_WORK work queue (replicas share the durable): reserves the batch's paid
 * evaluations with billing, evaluates the granted prefix (ScanBatchPreparer), and commits its results, result events,
 * the batch-completed event (what billing posts) and the task's next batch in one transaction. A redelivered batch
 * that was already committed only re-enqueues the next one, so a restart resumes from the last committed batch.
 */
export class RunBatchWhenQuotaGrantedHandler {
  private progress?: ProgressStore;
  private readonly batches: ScanBatchPreparer;
  private readonly worker: WorkQueueWorker<ScanBatchMessage>;

  constructor(
    private readonly database: TenantDatabase,
    private readonly nats: NatsConnection,
    private readonly logger: Logger,
    private readonly evaluator: CheckEvaluator,
  ) {
    this.batches = new ScanBatchPreparer(database, new BillingClient(nats), evaluator, logger);
    this.worker = new WorkQueueWorker(nats, logger, SCAN_WORK_QUEUE, {
      label: 'scan batch',
      maxMessages: 4,
      workingEveryMs: 3_000,
      handle: (batch) => this.run(batch),
      // The task fails; a batch whose failure could not be recorded stays in the stream.
      onFinalFailure: (batch) => this.failTask(batch).then(() => 'term' as const),
    });
  }

  async start(): Promise<void> {
    this.progress = await ProgressStore.open(this.nats);
    await this.worker.start();
  }

  async stop(): Promise<void> {
    await this.worker.stop();
  }

  async run(message: ScanBatchMessage): Promise<void> {
    const { tenantId, taskId, batch } = message;
    let task = (
      (await this.database.run(tenantId, (m) => m.query(`SELECT ${TASK_COLUMNS} FROM scan_tasks WHERE id = $1`, [taskId]))) as ScanTaskRow[]
    )[0];
    if (!task || TERMINAL_STATUSES.has(task.status)) return;
    if (task.next_batch !== batch) {
      // Already committed (a redelivery after a crash between commit and ack): make sure the next batch is queued.
      if (task.next_batch > batch) await enqueueScanBatch(this.nats, { tenantId, taskId, batch: task.next_batch });
      return;
    }
    if (task.status === 'QUEUED') task = await this.markRunning(task);
    const prepared = await this.batches.take(task, batch);
    if (prepared.refused) {
      this.logger.warn({ taskId, code: prepared.code, reason: prepared.reason }, 'quota reservation refused');
      await this.finish(task, 'FAILED');
      return;
    }
    const { reservationId, results, status } = prepared;
    const paidItems = new Set(task.paid_items);
    // The next batch reserves and evaluates while this one's results are written.
    if (status === 'RUNNING') this.batches.prepareAhead(task, batch + 1);

    const updated = await this.database.run(tenantId, async (manager) => {
      const locked = (await manager.query('SELECT next_batch FROM scan_tasks WHERE id = $1 FOR UPDATE', [taskId])) as Array<{ next_batch: number }>;
      if (locked[0]?.next_batch !== batch) return undefined; // another replica committed it meanwhile
      await this.storeResults(manager, tenantId, taskId, results);
      const paidLines = results
        .filter((r) => paidItems.has(r.checkItemId))
        .map((r) => create(UsageLineSchema, { checkItemId: r.checkItemId, assetId: r.assetId, operation: task.kind }));
      if (reservationId || paidLines.length > 0) {
        await publishInTransaction(
          manager,
          EVENTS.batchCompleted,
          tenantId,
          create(BatchCompletedSchema, {
            tenantId,
            taskId,
            batchIndex: batch,
            reservationId,
            paidEvaluations: paidLines,
            occurredAt: timestampFromDate(new Date()),
          }),
        );
      }
      const rows = returnedRows<ScanTaskRow>(
        await manager.query(
          `UPDATE scan_tasks SET next_batch = next_batch + 1, status = $2, completed = completed + $3, failed = failed + $4,
             quota_consumed = quota_consumed + $5, finished_at = CASE WHEN $6::boolean THEN now() ELSE finished_at END
           WHERE id = $1 RETURNING ${TASK_COLUMNS}`,
          [taskId, status, results.length, results.filter((r) => r.status === 'FAIL').length, paidLines.length, status !== 'RUNNING'],
        ),
      );
      return rows[0];
    });
    if (!updated) return;
    if (updated.status !== 'RUNNING') this.batches.forget(updated);
    await this.progress?.put(toProgress(updated));
    if (updated.status === 'RUNNING') await enqueueScanBatch(this.nats, { tenantId, taskId, batch: batch + 1 });
  }

  private async markRunning(task: ScanTaskRow): Promise<ScanTaskRow> {
    const rows = returnedRows<ScanTaskRow>(
      await this.database.run(task.tenant_id, (m) =>
        m.query(`UPDATE scan_tasks SET status = 'RUNNING' WHERE id = $1 AND status = 'QUEUED' RETURNING ${TASK_COLUMNS}`, [task.id]),
      ),
    );
    if (!rows[0]) return task;
    await this.progress?.put(toProgress(rows[0]));
    return rows[0];
  }

  /**
   * One stable row per (item, asset), written in one upsert that returns what each evaluation changed (its previous
   * status and whether its reason changed), so no read of the results precedes it; a change event for every result
   * that is new, resolved, regressed or otherwise updated.
   */
  private async storeResults(manager: EntityManager, tenantId: string, taskId: string, results: CheckResult[]): Promise<void> {
    if (results.length === 0) return;
    const severities = results.map((r) => this.evaluator.item(r.checkItemId)?.severity ?? 'LOW');
    const stored = (await manager.query(
      `INSERT INTO check_results (tenant_id, id, check_item_id, asset_id, status, severity, reason, evidence, last_task_id)
       SELECT $1, id, item, asset, status, severity, reason, evidence, $2
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[])
         AS t(id, item, asset, status, severity, reason, evidence)
       ON CONFLICT (tenant_id, check_item_id, asset_id) DO UPDATE SET status = EXCLUDED.status, severity = EXCLUDED.severity,
         reason = EXCLUDED.reason, evidence = EXCLUDED.evidence, last_seen_at = now(), last_task_id = EXCLUDED.last_task_id,
         previous_status = check_results.status, reason_changed = check_results.reason IS DISTINCT FROM EXCLUDED.reason
       RETURNING id, check_item_id, asset_id, previous_status, reason_changed`,
      [
        tenantId,
        taskId,
        results.map(() => randomUUID()),
        results.map((r) => r.checkItemId),
        results.map((r) => r.assetId),
        results.map((r) => r.status),
        severities,
        results.map((r) => r.reason),
        results.map((r) => JSON.stringify(r.evidence ?? {})),
      ],
    )) as StoredResult[];
    const byPair = new Map(stored.map((row) => [`${row.check_item_id}\u0000${row.asset_id}`, row]));
    const occurredAt = timestampFromDate(new Date());
    const events = results.flatMap((r, i) => {
      const row = byPair.get(`${r.checkItemId}\u0000${r.assetId}`)!;
      const change = changeOf(row.previous_status ?? undefined, r.status, row.reason_changed);
      if (change === null) return [];
      return [
        create(ResultChangedSchema, {
          tenantId,
          resultId: row.id,
          checkItemId: r.checkItemId,
          assetId: r.assetId,
          status: r.status,
          previousStatus: row.previous_status ?? '',
          severity: severities[i],
          change,
          taskId,
          reason: r.reason,
          evidence: (r.evidence ?? {}) as unknown as JsonObject,
          occurredAt,
        }),
      ];
    });
    await publishManyInTransaction(manager, EVENTS.resultChanged, tenantId, events);
  }

  private async failTask({ tenantId, taskId }: ScanBatchMessage): Promise<void> {
    const rows = (await this.database.run(tenantId, (m) => m.query(`SELECT ${TASK_COLUMNS} FROM scan_tasks WHERE id = $1`, [taskId]))) as ScanTaskRow[];
    if (rows[0] && !TERMINAL_STATUSES.has(rows[0].status)) await this.finish(rows[0], 'FAILED');
  }

  private async finish(task: ScanTaskRow, status: string): Promise<void> {
    const rows = returnedRows<ScanTaskRow>(
      await this.database.run(task.tenant_id, (m) =>
        m.query(`UPDATE scan_tasks SET status = $2, finished_at = now() WHERE id = $1 RETURNING ${TASK_COLUMNS}`, [task.id, status]),
      ),
    );
    this.batches.forget(task);
    if (rows[0]) await this.progress?.put(toProgress(rows[0]));
  }
}
