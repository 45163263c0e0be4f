import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EntityManager } from 'typeorm';
import {
  BadUserInputError, EditionNotEntitledError, NATS_CONNECTION, TENANT_DATABASE, type TenantDatabase,
} from '@rampart/platform';
import { enqueueWorkInTransaction, ProgressStore } from '@rampart/messaging';
import { UnknownCheckItemError, type CheckItem, type StandardId } from '../checks';
import { CheckCatalogueService } from '../catalogue/check-catalogue.service';
import { BillingClient } from './billing.client';
import { ScanNotFoundError } from './scan-not-found.error';
import { batchSizeFor, cutIntoBatches, insertPlan } from './scan-plan';
import type { ScanTaskModel } from './scan-task.model';
import { TASK_COLUMNS, toProgress, toScanTaskModel, type PlannedEvaluation, type ScanTaskRow } from './scan-task.row';
import { enqueueScanBatch, SCAN_WORK_QUEUE, type ScanBatchMessage } from './scan-work.stream';
import type { StartScanInput } from './start-scan.input';

export { SCAN_BATCH_SIZE } from './scan-plan';

type TaskKind = 'SCAN' | 'VERIFY';
const OPERATION_OF: Record<TaskKind, string> = { SCAN: 'DETECT', VERIFY: 'VERIFY' };

function taskIdFor(tenantId: string, idempotencyKey: string | null | undefined): string {
  if (!idempotencyKey) return randomUUID();
  const h = createHash('sha256').update(`${tenantId}\u0000${idempotencyKey}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

@Injectable()
export class ScansService {
  private readonly billing: BillingClient;
  private progress?: Promise<ProgressStore>;

  constructor(
    @Inject(TENANT_DATABASE) private readonly database: TenantDatabase,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    private readonly catalogue: CheckCatalogueService,
  ) {
    this.billing = new BillingClient(nats);
  }

  async start(tenantId: string, input: StartScanInput): Promise<ScanTaskModel> {
    const items = this.selectItems(input);
    const taskId = taskIdFor(tenantId, input.idempotencyKey);
    const existing = await this.find(tenantId, taskId);
    if (existing) {
      // A retry with the same key also heals a task whose first enqueue was lost (the message id deduplicates).
      if (existing.status === 'QUEUED' || existing.status === 'RUNNING') await this.requeue(tenantId, taskId);
      return existing;
    }
    await this.assertEntitled(tenantId, 'SCAN', items);
    const plan = await this.database.run(tenantId, async (manager) => {
      const assets = (await manager.query(
        input.assetIds
          ? 'SELECT id, resource_type FROM asset_replica WHERE NOT removed AND id = ANY($1) ORDER BY id COLLATE "C"'
          : 'SELECT id, resource_type FROM asset_replica WHERE NOT removed ORDER BY id COLLATE "C"',
        input.assetIds ? [input.assetIds] : [],
      )) as Array<{ id: string; resource_type: string }>;
      // Assets and items in plan order already, so the plan's sort has nothing left to do.
      const byType = new Map<string, string[]>();
      const itemIds = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (const item of itemIds) byType.set(item.resourceType, [...(byType.get(item.resourceType) ?? []), item.id]);
      const pairs: PlannedEvaluation[] = [];
      for (const asset of assets) for (const itemId of byType.get(asset.resource_type) ?? []) pairs.push([itemId, asset.id]);
      return pairs;
    });
    return this.createTask(tenantId, taskId, 'SCAN', plan);
  }

  async verify(tenantId: string, resultIds: string[]): Promise<ScanTaskModel> {
    if (resultIds.length === 0) throw new BadUserInputError('Name at least one result', 'ids');
    const plan = await this.database.run(tenantId, async (manager) => {
      // A result whose asset left the inventory is not served any more, so it cannot be verified either.
      const rows = (await manager.query(
        `SELECT r.id, r.check_item_id, r.asset_id FROM check_results r
         JOIN asset_replica a ON a.tenant_id = r.tenant_id AND a.id = r.asset_id AND NOT a.removed
         WHERE r.id = ANY($1)`,
        [resultIds],
      )) as Array<{ id: string; check_item_id: string; asset_id: string }>;
      const found = new Set(rows.map((r) => r.id));
      const missing = resultIds.findIndex((id) => !found.has(id));
      if (missing >= 0) throw new BadUserInputError(`Check result ${resultIds[missing]} not found`, `ids.${missing}`);
      return rows.map((r): PlannedEvaluation => [r.check_item_id, r.asset_id]);
    });
    const items = [...new Set(plan.map(([itemId]) => itemId))].flatMap((id) => this.catalogue.item(id) ?? []);
    await this.assertEntitled(tenantId, 'VERIFY', items);
    return this.createTask(tenantId, randomUUID(), 'VERIFY', plan);
  }

  async find(tenantId: string, taskId: string): Promise<ScanTaskModel | null> {
    const rows = (await this.database.run(tenantId, (m) => m.query(`SELECT ${TASK_COLUMNS} FROM scan_tasks WHERE id = $1`, [taskId]))) as ScanTaskRow[];
    return rows[0] ? toScanTaskModel(rows[0]) : null;
  }

  async get(tenantId: string, taskId: string): Promise<ScanTaskModel> {
    const task = await this.find(tenantId, taskId);
    if (!task) throw new ScanNotFoundError();
    return task;
  }

  private selectItems(input: StartScanInput): CheckItem[] {
    try {
      return this.catalogue.evaluator.select({
        checkItemIds: input.checkItemIds ?? undefined,
        standard: (input.standard ?? undefined) as StandardId | undefined,
      });
    } catch (error) {
      if (error instanceof UnknownCheckItemError) throw new BadUserInputError(error.message, `input.${error.details.path}`);
      throw error;
    }
  }

  /** Paid items on a free-only edition are refused, never silently skipped. */
  private async assertEntitled(tenantId: string, kind: TaskKind, items: readonly CheckItem[]): Promise<void> {
    const entitlements = await this.billing.entitlements(tenantId);
    if (entitlements.errorCode) throw new BadUserInputError(entitlements.errorMessage || 'Entitlements refused', 'tenantId');
    const operation = OPERATION_OF[kind];
    if (!entitlements.configCheckOperations.includes(operation)) {
      throw new EditionNotEntitledError(`The ${entitlements.edition || 'current'} edition does not include ${operation} of configuration checks`);
    }
    if (entitlements.configCheckItems !== 'ALL') {
      const paid = items.find((item) => !item.free);
      if (paid) throw new EditionNotEntitledError(`The ${entitlements.edition || 'current'} edition includes free check items only (${paid.id} is paid)`);
    }
  }

  private async createTask(tenantId: string, taskId: string, kind: TaskKind, plan: PlannedEvaluation[]): Promise<ScanTaskModel> {
    const batchSize = batchSizeFor(plan.length);
    const batches = cutIntoBatches(plan, batchSize);
    const paidItems = [...new Set(plan.map(([itemId]) => itemId))].filter((id) => this.catalogue.item(id)?.free === false);
    const empty = plan.length === 0;
    const created = await this.database.run(tenantId, async (manager: EntityManager) => {
      const rows = (await manager.query(
        `INSERT INTO scan_tasks (tenant_id, id, kind, status, paid_items, batch_size, total, started_at, finished_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now(), $8)
         ON CONFLICT (tenant_id, id) DO NOTHING
         RETURNING ${TASK_COLUMNS}`,
        [tenantId, taskId, kind, empty ? 'COMPLETED' : 'QUEUED', paidItems, batchSize, plan.length, empty ? new Date() : null],
      )) as ScanTaskRow[];
      if (rows[0]) await insertPlan(manager, tenantId, taskId, batches);
      if (rows[0] && !empty) await enqueueWorkInTransaction(manager, SCAN_WORK_QUEUE, tenantId, { tenantId, taskId, batch: 0 } satisfies ScanBatchMessage);
      return rows[0];
    });
    // A concurrent request with the same idempotency key created it first.
    if (!created) return this.get(tenantId, taskId);
    await this.publishProgress(created);
    return toScanTaskModel(created);
  }

  private async requeue(tenantId: string, taskId: string): Promise<void> {
    const rows = (await this.database.run(tenantId, (m) => m.query('SELECT next_batch FROM scan_tasks WHERE id = $1', [taskId]))) as Array<{ next_batch: number }>;
    if (rows[0]) await enqueueScanBatch(this.nats, { tenantId, taskId, batch: rows[0].next_batch });
  }

  private async publishProgress(row: ScanTaskRow): Promise<void> {
    this.progress ??= ProgressStore.open(this.nats);
    await (await this.progress).put(toProgress(row));
  }
}
