import { randomUUID } from 'node:crypto';
import { jetstream, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EntityManager } from 'typeorm';
import type { JsonObject } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { create, EVENTS, ResultChange, ResultChangedSchema, UsageLineSchema, BatchCompletedSchema } from '@rampart/contracts';
import { loadReplicatedAssets, ProgressStore, publishInTransaction, publishManyInTransaction } from '@rampart/messaging';
import type { Logger, TenantDatabase } from '@rampart/platform';
import type { CheckEvaluator, CheckResult } from '../checks';
import { BillingClient } from './billing.client';
import { TERMINAL_STATUSES, toProgress, type PlannedEvaluation, type ScanTaskRow } from './scan-task.row';
import { batchMessageId, ensureScanWorkStream, SCAN_WORK_DURABLE, SCAN_WORK_STREAM, SCAN_WORK_SUBJECT, type ScanBatchMessage } from './scan-work.stream';

const ACK_WAIT_MS = 60_000;

/** TypeORM's pg driver answers UPDATE/DELETE … RETURNING with [rows, count]. */
function returnedRows<T>(answer: unknown): T[] {
  return (Array.isArray(answer) && Array.isArray(answer[0]) ? answer[0] : answer) as T[];
}

function changeOf(previous: string | undefined, status: string, previousReason: string | undefined, reason: string): ResultChange | null {
  if (previous === undefined) return ResultChange.NEW;
  if (previous === 'FAIL' && status !== 'FAIL' && status !== 'ERROR') return ResultChange.RESOLVED;
  if (previous !== 'FAIL' && status === 'FAIL') return ResultChange.REGRESSED;
  if (previous !== status || previousReason !== reason) return ResultChange.UPDATED;
  return null;
}

/**
 * Runs scan batches from the CONFIG_CHECKS_WORK work queue (replicas share the durable): reserves the batch's paid
 * evaluations with billing, evaluates the granted prefix, and commits its results, result events, the
 * batch-completed event (what billing posts) and the task's next batch in one transaction. A redelivered batch that
 * was already committed only re-enqueues the next one, so a restart resumes from the last committed batch.
 */
export class RunBatchWhenQuotaGrantedHandler {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private readonly billing: BillingClient;
  private progress?: ProgressStore;

  constructor(
    private readonly database: TenantDatabase,
    private readonly nats: NatsConnection,
    private readonly logger: Logger,
    private readonly evaluator: CheckEvaluator,
  ) {
    this.billing = new BillingClient(nats);
  }

  async start(): Promise<void> {
    await ensureScanWorkStream(this.nats, ACK_WAIT_MS);
    this.progress = await ProgressStore.open(this.nats);
    const consumer = await jetstream(this.nats).consumers.get(SCAN_WORK_STREAM, SCAN_WORK_DURABLE);
    this.messages = await consumer.consume({ max_messages: 4 });
    const messages = this.messages;
    this.loop = (async () => {
      for await (const message of messages) await this.receive(message);
    })();
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    await this.loop?.catch(() => undefined);
  }

  private async receive(message: JsMsg): Promise<void> {
    let batch: ScanBatchMessage;
    try {
      batch = message.json<ScanBatchMessage>();
    } catch {
      message.term('malformed batch message');
      return;
    }
    try {
      await this.run(batch);
      message.ack();
    } catch (error) {
      this.logger.warn({ err: error, taskId: batch.taskId, batch: batch.batch }, 'scan batch failed; will retry');
      message.nak(Math.min(30_000, 250 * 2 ** message.info.deliveryCount));
    }
  }

  async run(message: ScanBatchMessage): Promise<void> {
    const { tenantId, taskId, batch } = message;
    const task = (
      (await this.database.run(tenantId, (m) => m.query('SELECT * FROM scan_tasks WHERE id = $1', [taskId]))) as ScanTaskRow[]
    )[0];
    if (!task || TERMINAL_STATUSES.has(task.status)) return;
    if (task.next_batch !== batch) {
      // Already committed (a redelivery after a crash between commit and ack): make sure the next batch is queued.
      if (task.next_batch > batch) await this.enqueue({ tenantId, taskId, batch: task.next_batch });
      return;
    }
    const planned = task.plan.slice(batch * task.batch_size, (batch + 1) * task.batch_size);
    const paidItems = new Set(task.paid_items);
    const paidCount = planned.filter(([itemId]) => paidItems.has(itemId)).length;
    let granted = 0;
    let reservationId = '';
    if (paidCount > 0) {
      const answer = await this.billing.reserve({
        id: `${taskId}:${batch}`,
        tenantId,
        units: paidCount,
        operation: task.kind,
        taskId,
      });
      if (answer.errorCode) {
        this.logger.warn({ taskId, code: answer.errorCode }, 'quota reservation refused');
        await this.finish(task, 'FAILED');
        return;
      }
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
    const stopped = prefix.length < planned.length;
    const last = (batch + 1) * task.batch_size >= task.plan.length;
    const status = stopped ? 'STOPPED_QUOTA_EXHAUSTED' : last ? 'COMPLETED' : 'RUNNING';

    const updated = await this.database.run(tenantId, async (manager) => {
      const locked = (await manager.query('SELECT next_batch FROM scan_tasks WHERE id = $1 FOR UPDATE', [taskId])) as Array<{ next_batch: number }>;
      if (locked[0]?.next_batch !== batch) return undefined; // another replica committed it meanwhile
      const inventory = await loadReplicatedAssets(manager);
      const results = this.evaluator.verify(
        inventory,
        prefix.map(([checkItemId, assetId]) => ({ checkItemId, assetId })),
      );
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
      const rows = returnedRows<ScanTaskRow>(await manager.query(
        `UPDATE scan_tasks SET next_batch = next_batch + 1, status = $2, completed = completed + $3, failed = failed + $4,
           quota_consumed = quota_consumed + $5, finished_at = CASE WHEN $6::boolean THEN now() ELSE finished_at END
         WHERE id = $1 RETURNING *`,
        [taskId, status, results.length, results.filter((r) => r.status === 'FAIL').length, paidLines.length, status !== 'RUNNING'],
      ));
      return rows[0];
    });
    if (!updated) return;
    await this.progress?.put(toProgress(updated));
    if (updated.status === 'RUNNING') await this.enqueue({ tenantId, taskId, batch: batch + 1 });
  }

  /** One stable row per (item, asset); a change event when it is new, resolved, regressed or otherwise updated. */
  private async storeResults(manager: EntityManager, tenantId: string, taskId: string, results: CheckResult[]): Promise<void> {
    if (results.length === 0) return;
    const previous = (await manager.query(
      `SELECT r.id, r.check_item_id, r.asset_id, r.status, r.reason FROM check_results r
       JOIN unnest($1::text[], $2::text[]) AS p(item, asset) ON r.check_item_id = p.item AND r.asset_id = p.asset`,
      [results.map((r) => r.checkItemId), results.map((r) => r.assetId)],
    )) as Array<{ id: string; check_item_id: string; asset_id: string; status: string; reason: string }>;
    const byPair = new Map(previous.map((row) => [`${row.check_item_id}\u0000${row.asset_id}`, row]));
    const ids = results.map((r) => byPair.get(`${r.checkItemId}\u0000${r.assetId}`)?.id ?? randomUUID());
    const severities = results.map((r) => this.evaluator.item(r.checkItemId)?.severity ?? 'LOW');
    await manager.query(
      `INSERT INTO check_results (tenant_id, id, check_item_id, asset_id, status, severity, reason, evidence, last_task_id)
       SELECT $1, id, item, asset, status, severity, reason, evidence, $2
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[])
         AS t(id, item, asset, status, severity, reason, evidence)
       ON CONFLICT (tenant_id, check_item_id, asset_id) DO UPDATE SET status = EXCLUDED.status, severity = EXCLUDED.severity,
         reason = EXCLUDED.reason, evidence = EXCLUDED.evidence, last_seen_at = now(), last_task_id = EXCLUDED.last_task_id`,
      [
        tenantId,
        taskId,
        ids,
        results.map((r) => r.checkItemId),
        results.map((r) => r.assetId),
        results.map((r) => r.status),
        severities,
        results.map((r) => r.reason),
        results.map((r) => JSON.stringify(r.evidence ?? {})),
      ],
    );
    const events = results.flatMap((r, i) => {
      const before = byPair.get(`${r.checkItemId}\u0000${r.assetId}`);
      const change = changeOf(before?.status, r.status, before?.reason, r.reason);
      if (change === null) return [];
      return [
        create(ResultChangedSchema, {
          tenantId,
          resultId: ids[i],
          checkItemId: r.checkItemId,
          assetId: r.assetId,
          status: r.status,
          previousStatus: before?.status ?? '',
          severity: severities[i],
          change,
          taskId,
          reason: r.reason,
          evidence: (r.evidence ?? {}) as unknown as JsonObject,
          occurredAt: timestampFromDate(new Date()),
        }),
      ];
    });
    await publishManyInTransaction(manager, EVENTS.resultChanged, tenantId, events);
  }

  private async finish(task: ScanTaskRow, status: string): Promise<void> {
    const rows = returnedRows<ScanTaskRow>(
      await this.database.run(task.tenant_id, (m) => m.query('UPDATE scan_tasks SET status = $2, finished_at = now() WHERE id = $1 RETURNING *', [task.id, status])),
    );
    if (rows[0]) await this.progress?.put(toProgress(rows[0]));
  }

  private async enqueue(message: ScanBatchMessage): Promise<void> {
    await jetstream(this.nats).publish(SCAN_WORK_SUBJECT, JSON.stringify(message), { msgID: batchMessageId(message) });
  }
}
