import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import {
  BaselineTaskRequestSchema, BaselineTaskResponseSchema, BaselineTaskSchema, create, fromBinary, REQUESTS, toBinary,
  type BaselineTaskRequest, type BaselineTaskResponse,
} from '@rampart/contracts';
import { LOGGER, NATS_CONNECTION, RampartError, type Logger } from '@rampart/platform';
import type { BaselineScanTaskModel } from './baseline-scan-task.model';
import { BaselineScansService } from './baseline-scans.service';

const toMessage = (task: BaselineScanTaskModel) =>
  create(BaselineTaskSchema, {
    id: task.id,
    kind: task.kind,
    status: task.status,
    total: task.total,
    completed: task.completed,
    failed: task.failed,
    quotaConsumed: task.quotaConsumed,
    startedAt: task.startedAt ? timestampFromDate(task.startedAt) : undefined,
    finishedAt: task.finishedAt ? timestampFromDate(task.finishedAt) : undefined,
  });

/**
 * Answers `baseline-checks.task.get` (queue group `baseline-checks`: one replica per request) with the tenant's task,
 * read under that tenant's row-level security, or no task. config-checks asks on behalf of a verified identity so that
 * `scanTask(id)` finds baseline tasks too.
 */
@Injectable()
export class TaskRequestHandler implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscription?: Subscription;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly scans: BaselineScansService,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.nats.subscribe(REQUESTS.baselineTask, {
      queue: 'baseline-checks',
      callback: (error, msg) => {
        if (error) return;
        const done = this.answer(msg).finally(() => this.inFlight.delete(done));
        this.inFlight.add(done);
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscription?.unsubscribe();
    await Promise.all(this.inFlight);
  }

  private async answer(msg: Msg): Promise<void> {
    msg.respond(toBinary(BaselineTaskResponseSchema, await this.reply(msg)));
  }

  private async reply(msg: Msg): Promise<BaselineTaskResponse> {
    let request: BaselineTaskRequest;
    try {
      request = fromBinary(BaselineTaskRequestSchema, msg.data);
    } catch {
      return create(BaselineTaskResponseSchema, { errorCode: 'BAD_USER_INPUT', errorMessage: 'The body is not a BaselineTaskRequest' });
    }
    try {
      const task = await this.scans.task(request.tenantId, request.taskId);
      return create(BaselineTaskResponseSchema, { task: task ? toMessage(task) : undefined });
    } catch (error) {
      if (error instanceof RampartError) return create(BaselineTaskResponseSchema, { errorCode: error.code, errorMessage: error.message });
      this.logger.error({ err: error, taskId: request.taskId }, 'baseline task request failed');
      return create(BaselineTaskResponseSchema, { errorCode: 'INTERNAL_SERVER_ERROR', errorMessage: 'The task could not be read' });
    }
  }
}
