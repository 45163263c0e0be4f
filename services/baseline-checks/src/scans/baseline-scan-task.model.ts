import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SCAN_TASK_KINDS, SCAN_TASK_STATUSES } from '@rampart/contracts';
import type { TaskProgress } from '@rampart/messaging';

const ScanTaskKind = Object.fromEntries(SCAN_TASK_KINDS.map((kind) => [kind, kind]));
const ScanTaskStatus = Object.fromEntries(SCAN_TASK_STATUSES.map((status) => [status, status]));
registerEnumType(ScanTaskKind, { name: 'ScanTaskKind' });
registerEnumType(ScanTaskStatus, { name: 'ScanTaskStatus' });

/**
 * A baseline task as the federated `ScanTask` entity: config-checks serves the same shareable fields for its own
 * tasks and asks this service for the others (`baseline-checks.task.get`). `checkItemIds` is baseline-checks' own.
 */
@ObjectType('ScanTask')
@Directive('@key(fields: "id")')
export class BaselineScanTaskModel {
  @Field(() => ID)
  id!: string;
  @Field(() => ScanTaskKind)
  @Directive('@shareable')
  kind!: string;
  @Field(() => ScanTaskStatus)
  @Directive('@shareable')
  status!: string;
  @Field(() => Int, { description: 'Evaluations planned' })
  @Directive('@shareable')
  total!: number;
  @Field(() => Int, { description: 'Evaluations done' })
  @Directive('@shareable')
  completed!: number;
  @Field(() => Int, { description: 'Evaluations whose result is FAIL (a risk found); for a fix, 1 when the result still fails afterwards' })
  @Directive('@shareable')
  failed!: number;
  @Field(() => Int, { description: 'Quota units charged' })
  @Directive('@shareable')
  quotaConsumed!: number;
  @Field(() => [ID], {
    nullable: true,
    description: "A baseline task's check items (restricted to the edition's entitlement); null for other kinds",
  })
  checkItemIds!: string[];
  @Field(() => Date, { nullable: true })
  @Directive('@shareable')
  startedAt!: Date | null;
  @Field(() => Date, { nullable: true })
  @Directive('@shareable')
  finishedAt!: Date | null;
}

export interface BaselineTaskRow {
  id: string;
  kind: string;
  status: string;
  total: number;
  completed: number;
  failed: number;
  quota_consumed: number;
  check_item_ids: string[];
  started_at: Date;
  finished_at: Date | null;
}

export const TASK_COLUMNS = 'id, kind, status, total, completed, failed, quota_consumed, check_item_ids, started_at, finished_at';

export const toTaskModel = (row: BaselineTaskRow): BaselineScanTaskModel => ({
  id: row.id,
  kind: row.kind,
  status: row.status,
  total: row.total,
  completed: row.completed,
  failed: row.failed,
  quotaConsumed: row.quota_consumed,
  checkItemIds: row.check_item_ids,
  startedAt: new Date(row.started_at),
  finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
});

export const toTaskProgress = (tenantId: string, row: BaselineTaskRow): TaskProgress => ({
  scanId: row.id,
  tenantId,
  kind: row.kind,
  status: row.status,
  total: row.total,
  completed: row.completed,
  failed: row.failed,
  quotaConsumed: row.quota_consumed,
  updatedAt: new Date().toISOString(),
});
