import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EntityManager } from 'typeorm';
import type { RemediationReply } from '@rampart/contracts';
import { enqueueWorkInTransaction, loadReplicatedAssets, ProgressStore } from '@rampart/messaging';
import {
  BadUserInputError, ConflictError, EditionNotEntitledError, NATS_CONNECTION, NotFoundError, RampartError, TENANT_DATABASE,
  type ErrorCode, type TenantDatabase,
} from '@rampart/platform';
import { CHECK_CATALOGUE, FixPlanner, InvalidCheckParamsError, type FixPlan } from '../checks';
import { CheckCatalogueService } from '../catalogue/check-catalogue.service';
import { BillingClient } from '../scans/billing.client';
import { ScanNotFoundError } from '../scans/scan-not-found.error';
import type { ScanTaskModel } from '../scans/scan-task.model';
import { TASK_COLUMNS, toProgress, toScanTaskModel, type ScanTaskRow } from '../scans/scan-task.row';
import type { FixMode, FixRecordRow } from './fix-record.row';
import { FIX_WORK_QUEUE, type FixTaskMessage } from './fix-work.stream';
import { RemediationClient } from './remediation.client';

const REFUSAL_CODES: ReadonlySet<string> = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT']);

/** The assets service's refusal as the client's error: its own code when it is one of CONTRACT §3's, else INTERNAL. */
function refusal(reply: RemediationReply): RampartError {
  const message = reply.errorMessage ?? 'The fix cannot run';
  if (reply.errorCode === 'BAD_USER_INPUT') return new BadUserInputError(message, 'id');
  return new RampartError(REFUSAL_CODES.has(reply.errorCode ?? '') ? (reply.errorCode as ErrorCode) : 'INTERNAL_SERVER_ERROR', message);
}

/**
 * `fixCheckResult` and `rollbackFix`: validate everything that can be known before a call is made (the result, a plan,
 * the edition, live credentials through the assets service), then store a FIX task with its fix record and queue it.
 */
@Injectable()
export class FixesService {
  private readonly planner = new FixPlanner(CHECK_CATALOGUE);
  private readonly billing: BillingClient;
  private readonly remediation: RemediationClient;
  private progress?: Promise<ProgressStore>;

  constructor(
    @Inject(TENANT_DATABASE) private readonly database: TenantDatabase,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    private readonly catalogue: CheckCatalogueService,
  ) {
    this.billing = new BillingClient(nats);
    this.remediation = new RemediationClient(nats);
  }

  async fix(tenantId: string, resultId: string, params: unknown): Promise<ScanTaskModel> {
    if (params != null && (typeof params !== 'object' || Array.isArray(params))) throw new BadUserInputError('params must be an object', 'params');
    const found = await this.database.run(tenantId, async (manager) => {
      const rows = (await manager.query(
        `SELECT r.check_item_id, r.asset_id FROM check_results r
         JOIN asset_replica a ON a.tenant_id = r.tenant_id AND a.id = r.asset_id AND NOT a.removed
         WHERE r.id = $1`,
        [resultId],
      )) as Array<{ check_item_id: string; asset_id: string }>;
      return rows[0] ? { ...rows[0], inventory: await loadReplicatedAssets(manager) } : null;
    });
    if (!found) throw new NotFoundError('Check result');
    const item = this.catalogue.item(found.check_item_id);
    if (!item?.fix) throw new BadUserInputError(`${found.check_item_id} has no automatic fix`, 'id');
    await this.assertEntitled(tenantId, item.free, item.id);
    let plan: FixPlan;
    try {
      const outcome = this.planner.plan(found.inventory, { checkItemId: found.check_item_id, assetId: found.asset_id, fixParams: (params ?? undefined) as Record<string, unknown> | undefined });
      if (!outcome.ok) throw new BadUserInputError(`Cannot fix: ${outcome.reason}`, 'id');
      plan = outcome.plan;
    } catch (error) {
      if (error instanceof InvalidCheckParamsError) throw new BadUserInputError(error.message, error.details.path.replace(/^fixParams/, 'params'));
      throw error;
    }
    const taskId = randomUUID();
    const ready = await this.remediation.request(RemediationClient.step(`${taskId}:check`, tenantId, 'CHECK', plan));
    if (ready.outcome !== 'READY') throw refusal(ready);
    return this.createTask(tenantId, taskId, 'FIX', { resultId, checkItemId: found.check_item_id, assetId: found.asset_id, params: params ?? {}, plan, rollsBack: null });
  }

  async rollback(tenantId: string, fixTaskId: string): Promise<ScanTaskModel> {
    const rows = (await this.database.run(tenantId, (m) => m.query('SELECT * FROM fix_records WHERE task_id = $1', [fixTaskId]))) as FixRecordRow[];
    const fix = rows[0];
    if (!fix) throw new ScanNotFoundError();
    if (fix.mode !== 'FIX') throw new BadUserInputError('A rollback cannot be rolled back; fix again instead', 'taskId');
    if (fix.outcome !== 'APPLIED') throw new ConflictError(`Only an applied fix can be rolled back (this one is ${fix.outcome})`);
    const ready = await this.remediation.request(RemediationClient.step(`${fixTaskId}:rollback-check`, tenantId, 'CHECK', fix.plan));
    if (ready.outcome !== 'READY') throw refusal(ready);
    return this.createTask(tenantId, randomUUID(), 'ROLLBACK', {
      resultId: fix.result_id, checkItemId: fix.check_item_id, assetId: fix.asset_id, params: fix.params, plan: fix.plan, rollsBack: fix.task_id,
    });
  }

  /** A fix needs the FIX operation; a paid item's fix also needs the paid items (CONTRACT §6). Undoing a fix never does. */
  private async assertEntitled(tenantId: string, free: boolean, itemId: string): Promise<void> {
    const entitlements = await this.billing.entitlements(tenantId);
    if (entitlements.errorCode) throw new BadUserInputError(entitlements.errorMessage || 'Entitlements refused', 'tenantId');
    const edition = entitlements.edition || 'current';
    if (!entitlements.configCheckOperations.includes('FIX')) throw new EditionNotEntitledError(`The ${edition} edition does not include fixing configuration checks`);
    if (!free && entitlements.configCheckItems !== 'ALL') throw new EditionNotEntitledError(`The ${edition} edition includes free check items only (${itemId} is paid)`);
  }

  private async createTask(
    tenantId: string,
    taskId: string,
    mode: FixMode,
    record: { resultId: string; checkItemId: string; assetId: string; params: unknown; plan: FixPlan; rollsBack: string | null },
  ): Promise<ScanTaskModel> {
    const created = await this.database.run(tenantId, async (manager: EntityManager) => {
      const rows = (await manager.query(
        `INSERT INTO scan_tasks (tenant_id, id, kind, status, paid_items, batch_size, total, started_at)
         VALUES ($1, $2, 'FIX', 'QUEUED', $3, 1, 1, now()) RETURNING ${TASK_COLUMNS}`,
        [tenantId, taskId, mode === 'FIX' && this.catalogue.item(record.checkItemId)?.free === false ? [record.checkItemId] : []],
      )) as ScanTaskRow[];
      try {
        await manager.query(
          `INSERT INTO fix_records (tenant_id, task_id, mode, result_id, check_item_id, asset_id, params, plan, rolls_back)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [tenantId, taskId, mode, record.resultId, record.checkItemId, record.assetId, JSON.stringify(record.params), JSON.stringify(record.plan), record.rollsBack],
        );
      } catch (error) {
        if ((error as { code?: string }).code === '23505') throw new ConflictError('That fix is already being rolled back or was rolled back');
        throw error;
      }
      await enqueueWorkInTransaction(manager, FIX_WORK_QUEUE, tenantId, { tenantId, taskId } satisfies FixTaskMessage);
      return rows[0]!;
    });
    this.progress ??= ProgressStore.open(this.nats);
    await (await this.progress).put(toProgress(created));
    return toScanTaskModel(created);
  }
}
