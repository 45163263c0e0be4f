import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';

/**
 * A baseline task (the CONTRACT's ScanTask shape). Its own type name: `ScanTask` is owned by config-checks, and a
 * second definition of it here would have to be shared field by field with that subgraph.
 */
@ObjectType('BaselineScanTask')
@Directive('@key(fields: "id")')
export class BaselineScanTaskModel {
  @Field(() => ID)
  id!: string;
  @Field({ description: 'BASELINE_SCAN | BASELINE_VERIFY | BASELINE_FIX' })
  kind!: string;
  @Field({ description: 'QUEUED | RUNNING | COMPLETED | FAILED | CANCELLED' })
  status!: string;
  @Field(() => Int, { description: 'Evaluations planned (hosts × entitled items)' })
  total!: number;
  @Field(() => Int)
  completed!: number;
  @Field(() => Int, { description: 'Evaluations that ended in ERROR' })
  failed!: number;
  @Field(() => Int)
  quotaConsumed!: number;
  @Field(() => [ID], { description: 'The check items the task runs (restricted to the edition\'s entitlement)' })
  checkItemIds!: string[];
  @Field()
  startedAt!: Date;
  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;
}

export interface BaselineTaskRow {
  id: string;
  kind: string;
  status: string;
  total: number;
  completed: number;
  failed: number;
  check_item_ids: string[];
  started_at: Date;
  finished_at: Date | null;
}

export const TASK_COLUMNS = 'id, kind, status, total, completed, failed, check_item_ids, started_at, finished_at';

export const toTaskModel = (row: BaselineTaskRow): BaselineScanTaskModel => ({
  id: row.id,
  kind: row.kind,
  status: row.status,
  total: row.total,
  completed: row.completed,
  failed: row.failed,
  quotaConsumed: 0,
  checkItemIds: row.check_item_ids,
  startedAt: new Date(row.started_at),
  finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
});
