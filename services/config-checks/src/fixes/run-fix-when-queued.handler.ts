import type { NatsConnection } from '@nats-io/transport-node';
import type { EntityManager } from 'typeorm';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { Asset } from '@rampart/asset-model';
import {
  BatchCompletedSchema, create, EVENTS, UsageLineSchema, type ExecutedApiCall, type RemediationReply, type RemediationRequest,
} from '@rampart/contracts';
import { loadReplicatedAssets, ProgressStore, publishInTransaction, WorkQueueWorker } from '@rampart/messaging';
import type { Logger, TenantDatabase } from '@rampart/platform';
import { CHECK_CATALOGUE, FixPlanner, type CheckEvaluator } from '../checks';
import { BillingClient } from '../scans/billing.client';
import { TASK_COLUMNS, TERMINAL_STATUSES, toProgress, type ScanTaskRow } from '../scans/scan-task.row';
import { canonicalJson } from './canonical-json';
import type { FixOutcome, FixRecordRow } from './fix-record.row';
import { FIX_WORK_QUEUE, type FixTaskMessage } from './fix-work.stream';
import { recordFixedResult } from './fixed-result.recorder';
import { RemediationClient } from './remediation.client';

/** TypeORM's pg driver answers UPDATE … RETURNING with [rows, count]. */
function returnedRows<T>(answer: unknown): T[] {
  return (Array.isArray(answer) && Array.isArray(answer[0]) ? answer[0] : answer) as T[];
}

interface Ending {
  status: 'COMPLETED' | 'FAILED' | 'STOPPED_QUOTA_EXHAUSTED';
  outcome: FixOutcome;
  reply?: RemediationReply;
  executed?: ExecutedApiCall[];
  errorCode?: string;
  errorMessage?: string;
  /** The fix's reservation: posted (one unit) when `charge`, otherwise released whole. */
  reservationId?: string;
  charge?: boolean;
}

/**
 * Runs FIX tasks from the CONFIG_CHECKS_FIXES work queue. A fix reserves one unit, captures the live state through
 * the assets service and compares it with the plan's prior state (stale: nothing is written), asks for the writes
 * (the assets service runs them once per request id and undoes them on a failure), and ends in one transaction: the
 * fix record, the task, the re-evaluated result and the `batch.completed` event that makes billing post the unit (or
 * release it). A rollback runs the fix's stored rollback calls the same way, free of charge.
 */
export class RunFixWhenQueuedHandler {
  private progress?: ProgressStore;
  private readonly worker: WorkQueueWorker<FixTaskMessage>;
  private readonly billing: BillingClient;
  private readonly remediation: RemediationClient;
  private readonly planner = new FixPlanner(CHECK_CATALOGUE);

  constructor(
    private readonly database: TenantDatabase,
    private readonly nats: NatsConnection,
    private readonly logger: Logger,
    private readonly evaluator: CheckEvaluator,
  ) {
    this.billing = new BillingClient(nats);
    this.remediation = new RemediationClient(nats);
    this.worker = new WorkQueueWorker(nats, logger, FIX_WORK_QUEUE, {
      label: 'fix task',
      maxMessages: 2,
      handle: (task) => this.run(task),
      onFinalFailure: (task, error) => this.abandon(task, error).then(() => 'ack' as const, () => 'term' as const),
    });
  }

  async start(): Promise<void> {
    this.progress = await ProgressStore.open(this.nats);
    await this.worker.start();
  }

  async stop(): Promise<void> {
    await this.worker.stop();
  }

  /** Ends a task that kept failing (the assets service or billing unreachable throughout): FAILED, its reservation released. */
  private async abandon({ tenantId, taskId }: FixTaskMessage, error: unknown): Promise<void> {
    const rows = (await this.database.run(tenantId, (m) => m.query('SELECT * FROM fix_records WHERE task_id = $1', [taskId]))) as FixRecordRow[];
    if (!rows[0]) return;
    const inDoubt = rows[0].writes_requested_at !== null;
    await this.finish(rows[0], {
      status: 'FAILED',
      outcome: 'REFUSED',
      errorCode: 'INTERNAL_SERVER_ERROR',
      errorMessage: `${inDoubt ? 'The writes were requested but no answer came back: check the account. ' : ''}${(error as Error).message}`,
      ...(rows[0].reservation_id ? { reservationId: rows[0].reservation_id } : {}),
    });
  }

  async run({ tenantId, taskId }: FixTaskMessage): Promise<void> {
    const [record, task] = await this.database.run(tenantId, async (m) => [
      ((await m.query('SELECT * FROM fix_records WHERE task_id = $1', [taskId])) as FixRecordRow[])[0],
      ((await m.query(`SELECT ${TASK_COLUMNS} FROM scan_tasks WHERE id = $1`, [taskId])) as ScanTaskRow[])[0],
    ] as const);
    if (!record || !task || TERMINAL_STATUSES.has(task.status) || record.outcome !== 'PENDING') return;
    if (task.status === 'QUEUED') {
      const running = returnedRows<ScanTaskRow>(await this.database.run(tenantId, (m) => m.query(`UPDATE scan_tasks SET status = 'RUNNING' WHERE id = $1 RETURNING ${TASK_COLUMNS}`, [taskId])));
      if (running[0]) await this.progress?.put(toProgress(running[0]));
    }
    const ending = record.mode === 'FIX' ? await this.fix(record) : await this.undo(record);
    await this.finish(record, ending);
  }

  private async fix(record: FixRecordRow): Promise<Ending> {
    const { tenant_id: tenantId, task_id: taskId } = record;
    const reservationId = `fix:${taskId}`;
    const reserved = await this.billing.reserve({ id: reservationId, tenantId, units: 1, operation: 'FIX', taskId });
    if (reserved.errorCode) return { status: 'FAILED', outcome: 'REFUSED', errorCode: reserved.errorCode, errorMessage: reserved.errorMessage };
    await this.database.run(tenantId, (m) => m.query('UPDATE fix_records SET reservation_id = $2 WHERE task_id = $1', [taskId, reservationId]));
    if (Number(reserved.granted) < 1) {
      return { status: 'STOPPED_QUOTA_EXHAUSTED', outcome: 'REFUSED', errorCode: 'QUOTA_EXHAUSTED', errorMessage: 'No quota left for the fix', reservationId };
    }
    let executed: ExecutedApiCall[] = [];
    if (record.writes_requested_at === null) {
      const captured = await this.remediation.request(RemediationClient.step(`${taskId}:capture`, tenantId, 'CAPTURE', record.plan));
      executed = captured.executed;
      if (captured.outcome !== 'CAPTURED') {
        return { status: 'FAILED', outcome: 'REFUSED', executed, errorCode: captured.errorCode, errorMessage: captured.errorMessage, reservationId };
      }
      const stale = await this.staleness(record, captured.asset as Asset);
      if (stale) return { status: 'FAILED', outcome: 'STALE', executed, errorCode: 'CONFLICT', errorMessage: stale, reservationId };
      await this.database.run(tenantId, (m) => m.query('UPDATE fix_records SET writes_requested_at = now() WHERE task_id = $1', [taskId]));
    }
    const reply = await this.requestWrites(RemediationClient.step(`${taskId}:fix`, tenantId, 'FIX', record.plan));
    const all = [...executed, ...reply.executed];
    if (reply.outcome === 'APPLIED') {
      // The writes stand (and are charged); only the re-read failed, so the result waits for the next sync or scan.
      const unread = reply.asset ? {} : { errorMessage: `Applied, but the asset could not be read back (${reply.refreshError ?? 'no answer'}): its result is re-evaluated at the next sync or scan` };
      if (!reply.asset) this.logger.warn({ taskId, reason: reply.refreshError }, 'fix applied but the asset could not be read back');
      return { status: 'COMPLETED', outcome: 'APPLIED', reply, executed: all, reservationId, charge: true, ...unread };
    }
    return { status: 'FAILED', outcome: reply.outcome === 'FAILED' ? 'FAILED' : 'REFUSED', reply, executed: all, errorCode: reply.errorCode, errorMessage: reply.errorMessage, reservationId };
  }

  /** Why the live state is not the one the plan was made from, or null: the plan made now must capture the same prior state. */
  private async staleness(record: FixRecordRow, live: Asset): Promise<string | null> {
    const inventory = await this.database.run(record.tenant_id, (m) => loadReplicatedAssets(m));
    const now = this.planner.plan([...inventory.filter((a) => a.id !== live.id), live], {
      checkItemId: record.check_item_id,
      assetId: record.asset_id,
      fixParams: record.params,
    });
    if (!now.ok) return `The live state changed: ${now.reason}`;
    if (canonicalJson(now.plan.priorState) !== canonicalJson(record.plan.priorState)) return 'The live state changed since the fix was planned; nothing was written';
    return null;
  }

  private async undo(record: FixRecordRow): Promise<Ending> {
    const fixes = (await this.database.run(record.tenant_id, (m) => m.query('SELECT outputs FROM fix_records WHERE task_id = $1', [record.rolls_back]))) as Array<{ outputs: unknown[] }>;
    const reply = await this.requestWrites(RemediationClient.step(`${record.task_id}:rollback`, record.tenant_id, 'ROLLBACK', record.plan, fixes[0]?.outputs ?? []));
    if (reply.outcome === 'APPLIED') return { status: 'COMPLETED', outcome: 'APPLIED', reply, executed: reply.executed };
    return { status: 'FAILED', outcome: reply.outcome === 'FAILED' ? 'FAILED' : 'REFUSED', reply, executed: reply.executed, errorCode: reply.errorCode, errorMessage: reply.errorMessage };
  }

  /** The writes' answer; a run of the same id still going (a redelivery racing the first) is retried later. */
  private async requestWrites(request: RemediationRequest): Promise<RemediationReply> {
    const reply = await this.remediation.request(request);
    if (reply.outcome === 'REFUSED' && reply.errorCode === 'IN_PROGRESS') throw new Error(reply.errorMessage);
    return reply;
  }

  private async finish(record: FixRecordRow, ending: Ending): Promise<void> {
    const { tenant_id: tenantId, task_id: taskId } = record;
    const applied = ending.outcome === 'APPLIED';
    const updated = await this.database.run(tenantId, async (manager: EntityManager) => {
      const locked = (await manager.query('SELECT outcome FROM fix_records WHERE task_id = $1 FOR UPDATE', [taskId])) as Array<{ outcome: string }>;
      if (locked[0]?.outcome !== 'PENDING') return undefined;
      await manager.query(
        `UPDATE fix_records SET outcome = $2, executed = $3, outputs = $4, error_code = $5, error_message = $6, reservation_id = $7, finished_at = now()
         WHERE task_id = $1`,
        [taskId, ending.outcome, JSON.stringify(ending.executed ?? []), JSON.stringify(ending.reply?.outputs ?? []),
          ending.errorCode ?? null, ending.errorMessage ?? null, ending.reservationId ?? null],
      );
      if (ending.reservationId) {
        const line = create(UsageLineSchema, { checkItemId: record.check_item_id, assetId: record.asset_id, operation: 'FIX' });
        await publishInTransaction(manager, EVENTS.batchCompleted, tenantId, create(BatchCompletedSchema, {
          tenantId, taskId, batchIndex: 0, reservationId: ending.reservationId, paidEvaluations: ending.charge ? [line] : [], occurredAt: timestampFromDate(new Date()),
        }));
      }
      const status = applied && ending.reply?.asset
        ? await recordFixedResult(manager, this.evaluator, {
          tenantId, taskId, resultId: record.result_id, checkItemId: record.check_item_id, assetId: record.asset_id,
        }, ending.reply.asset as Asset)
        : null;
      return returnedRows<ScanTaskRow>(await manager.query(
        `UPDATE scan_tasks SET status = $2, completed = $3, failed = $4, quota_consumed = $5, finished_at = now() WHERE id = $1 RETURNING ${TASK_COLUMNS}`,
        [taskId, ending.status, applied ? 1 : 0, status === 'FAIL' ? 1 : 0, ending.charge ? 1 : 0],
      ))[0];
    });
    if (updated) await this.progress?.put(toProgress(updated));
    if (ending.outcome === 'FAILED' && ending.reply?.rollbackFailed) {
      this.logger.error({ taskId, executed: ending.executed }, 'a fix failed and undoing its earlier writes failed too: the account is half-changed');
    }
  }
}
