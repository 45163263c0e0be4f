import { Inject, Injectable } from '@nestjs/common';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { errors, type NatsConnection } from '@nats-io/transport-node';
import { BaselineTaskRequestSchema, BaselineTaskResponseSchema, create, fromBinary, REQUESTS, toBinary } from '@rampart/contracts';
import { NATS_CONNECTION, RampartError } from '@rampart/platform';
import type { ScanTaskModel } from './scan-task.model';

const REQUEST_TIMEOUT_MS = 5_000;

/** baseline-checks' tasks over NATS request/reply (`baseline-checks.task.get`), so that `scanTask(id)` finds every kind. */
@Injectable()
export class BaselineTaskClient {
  constructor(@Inject(NATS_CONNECTION) private readonly nats: NatsConnection) {}

  /** The tenant's baseline task, or null; with no baseline-checks replica subscribed there is no baseline task to find. */
  async find(tenantId: string, taskId: string): Promise<ScanTaskModel | null> {
    const request = toBinary(BaselineTaskRequestSchema, create(BaselineTaskRequestSchema, { tenantId, taskId }));
    let answer;
    try {
      answer = fromBinary(BaselineTaskResponseSchema, (await this.nats.request(REQUESTS.baselineTask, request, { timeout: REQUEST_TIMEOUT_MS })).data);
    } catch (error) {
      if (error instanceof errors.RequestError && error.isNoResponders()) return null;
      throw new RampartError('INTERNAL_SERVER_ERROR', 'Baseline checks did not answer; try again');
    }
    if (answer.errorCode !== '') throw new RampartError('INTERNAL_SERVER_ERROR', `Baseline checks refused the task request (${answer.errorCode})`);
    const task = answer.task;
    if (task === undefined) return null;
    return {
      id: task.id,
      kind: task.kind,
      status: task.status,
      total: task.total,
      completed: task.completed,
      failed: task.failed,
      quotaConsumed: task.quotaConsumed,
      startedAt: task.startedAt ? timestampDate(task.startedAt) : null,
      finishedAt: task.finishedAt ? timestampDate(task.finishedAt) : null,
    };
  }
}
