import { readFileSync } from 'node:fs';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EntityManager } from 'typeorm';
import { ProgressStore, WorkQueueWorker } from '@rampart/messaging';
import { LOGGER, NATS_CONNECTION, PLATFORM_CONFIG, RampartError, TENANT_DATABASE, TenantDatabase, type Logger } from '@rampart/platform';
import { baselineCheckItem } from '../catalogue/baseline-catalogue';
import type { Params } from '../catalogue/baseline-check-item';
import { evaluateHost } from '../catalogue/baseline-evaluator';
import type { PolicyItem } from '../catalogue/baseline-policy';
import type { VulnerabilityIndex } from '../patches/vulnerability-advisory';
import { loadVulnerabilityFeed } from '../patches/vulnerability-feed.loader';
import { BaselineQuotaClient, type UsageLine } from '../billing/baseline-quota.client';
import type { BaselineChecksConfig } from '../config';
import { HostsService } from '../hosts/hosts.service';
import { storeBaselineResults } from '../results/baseline-results.writer';
import { TASK_COLUMNS, toTaskProgress, type BaselineTaskRow } from './baseline-scan-task.model';
import { BASELINE_WORK_QUEUE, enqueueBaselineHost, type BaselineHostMessage } from './baseline-work.stream';

const TERMINAL = new Set(['COMPLETED', 'STOPPED_QUOTA_EXHAUSTED', 'FAILED', 'CANCELLED']);

/** The task row as the runner needs it: its plan, metering and position. */
interface PlannedTask extends BaselineTaskRow {
  host_ids: string[];
  item_params: Record<string, Params>;
  result_ids: string[];
  metered: boolean;
  next_index: number;
  pending_post: PendingPost | null;
}

/** Usage of a committed host that billing has not confirmed yet. */
interface PendingPost {
  reservationId: string;
  usage: UsageLine[];
}

/** TypeORM's pg driver answers UPDATE … RETURNING with [rows, count]. */
const returned = <T>(answer: unknown): T | undefined => (answer as [T[], number])[0][0];

/**
 * Runs BASELINE_SCAN and BASELINE_VERIFY tasks host by host from the BASELINE_CHECKS_WORK work queue (replicas share
 * the durable). On a metered plan each host's evaluations are reserved first (idempotent id `<task>:<index>`) and only
 * the granted prefix runs: a partial grant ends the task STOPPED_QUOTA_EXHAUSTED with exactly the paid results. The
 * results, the task's next position and the usage to post commit together; the usage is posted after the commit and
 * again on redelivery until billing confirmed it, so a crash neither loses nor doubles a unit. An ERROR evaluation did
 * not succeed and is not charged.
 */
@Injectable()
export class BaselineTaskRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly worker: WorkQueueWorker<BaselineHostMessage>;
  private progressStore: Promise<ProgressStore> | undefined;
  private readonly vulnerabilities: VulnerabilityIndex | undefined;

  constructor(
    @Inject(TENANT_DATABASE) private readonly database: TenantDatabase,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(PLATFORM_CONFIG) config: BaselineChecksConfig,
    private readonly hosts: HostsService,
    private readonly quota: BaselineQuotaClient,
  ) {
    if (config.vulnerabilityFeedPath) this.vulnerabilities = loadVulnerabilityFeed(readFileSync(config.vulnerabilityFeedPath, 'utf8'));
    this.worker = new WorkQueueWorker(nats, logger, BASELINE_WORK_QUEUE, {
      label: 'baseline host',
      maxMessages: 4,
      handle: (work) => this.run(work),
      // A host that failed on every delivery fails its task, which would otherwise stay RUNNING for ever.
      onFinalFailure: ({ tenantId, taskId, index }, error) =>
        this.settle(tenantId, taskId, 'FAILED', `host ${index + 1} could not be evaluated: ${error instanceof Error ? error.message : String(error)}`).then(() => 'term' as const),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.worker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }

  /**
   * Publishes a new task's progress (its first host was queued with it, by `queueFirstHost`); a task without hosts is
   * complete at once. Returns the task as it now stands.
   */
  async launch(tenantId: string, task: BaselineTaskRow, hostCount: number): Promise<BaselineTaskRow> {
    if (hostCount === 0) return (await this.settle(tenantId, task.id, 'COMPLETED')) ?? task;
    await this.putProgress(tenantId, task);
    return task;
  }

  private async run({ tenantId, taskId, index }: BaselineHostMessage): Promise<void> {
    const task = await this.database.run(tenantId, async (manager) => {
      const [row] = (await manager.query(`SELECT ${TASK_COLUMNS}, host_ids, item_params, result_ids, metered, next_index, pending_post FROM baseline_tasks WHERE id = $1`, [
        taskId,
      ])) as PlannedTask[];
      return row;
    });
    if (task === undefined) return;
    if (task.pending_post !== null) await this.post(tenantId, task.id, task.kind, task.pending_post);
    if (TERMINAL.has(task.status)) return;
    if (task.next_index !== index) {
      // Already committed (redelivered after a crash between commit and ack): make sure the next host is queued.
      if (task.next_index > index) await enqueueBaselineHost(this.nats, { tenantId, taskId, index: task.next_index });
      return;
    }
    const hostId = task.host_ids[index]!;
    const planned = await this.database.run(tenantId, (manager) => this.itemsOf(manager, task, hostId));
    const operation = task.kind === 'BASELINE_VERIFY' ? 'VERIFY' : 'SCAN';
    let items = planned;
    let reservationId: string | null = null;
    if (task.metered) {
      try {
        const grant = await this.quota.reserve(tenantId, { id: `${taskId}:${index}`, taskId, units: planned.length, operation });
        reservationId = grant.reservationId;
        items = planned.slice(0, grant.granted);
      } catch (error) {
        if (!(error instanceof RampartError) || error.code === 'INTERNAL_SERVER_ERROR') throw error;
        // Billing refused the task itself (e.g. the plan ended meanwhile): it cannot go on.
        await this.settle(tenantId, taskId, 'FAILED', error.message);
        return;
      }
    }
    const stopped = items.length < planned.length;
    const status = stopped ? 'STOPPED_QUOTA_EXHAUSTED' : index === task.host_ids.length - 1 ? 'COMPLETED' : 'RUNNING';
    const committed = await this.database.run(tenantId, (manager) => this.evaluateOne(manager, tenantId, task, index, hostId, items, status, reservationId));
    if (committed === undefined) return; // another replica committed this host meanwhile
    if (committed.pending !== null) await this.post(tenantId, taskId, task.kind, committed.pending);
    await this.putProgress(tenantId, committed.task);
    if (committed.task.status === 'RUNNING') await enqueueBaselineHost(this.nats, { tenantId, taskId, index: index + 1 });
  }

  /** The items a host is evaluated on: the task's items and parameters, or for a verify its results' own. */
  private async itemsOf(manager: EntityManager, task: PlannedTask, hostId: string): Promise<PolicyItem[]> {
    const pairs: Array<[string, Params]> =
      task.kind === 'BASELINE_VERIFY'
        ? ((await manager.query('SELECT check_item_id, params FROM baseline_results WHERE id = ANY($1::uuid[]) AND host_id = $2 ORDER BY check_item_id', [
            task.result_ids,
            hostId,
          ])) as Array<{ check_item_id: string; params: Params }>).map((r) => [r.check_item_id, r.params])
        : task.check_item_ids.map((id) => [id, task.item_params[id] ?? {}]);
    return pairs.flatMap(([id, params]) => {
      const item = baselineCheckItem(id);
      return item === undefined ? [] : [{ item, params }];
    });
  }

  /** Evaluates one host on the paid items, stores the results and moves the task on, with the usage left to post. */
  private async evaluateOne(
    manager: EntityManager,
    tenantId: string,
    task: PlannedTask,
    index: number,
    hostId: string,
    items: readonly PolicyItem[],
    status: string,
    reservationId: string | null,
  ): Promise<{ task: BaselineTaskRow; pending: PendingPost | null } | undefined> {
    const [locked] = (await manager.query('SELECT next_index FROM baseline_tasks WHERE id = $1 FOR UPDATE', [task.id])) as Array<{ next_index: number }>;
    if (locked?.next_index !== index) return undefined;
    const [host] = await this.hosts.factsOf(manager, [hostId]);
    let usage: UsageLine[] = [];
    let failing = 0;
    if (host !== undefined && items.length > 0) {
      const { results } = evaluateHost(host.facts, { name: task.kind, items }, { now: new Date(), vulnerabilities: this.vulnerabilities });
      const paramsById = new Map(items.map(({ item, params }) => [item.id, params]));
      await storeBaselineResults(manager, tenantId, task.id, hostId, results.map((r) => ({ ...r, params: paramsById.get(r.itemId) ?? {} })));
      failing = results.filter((r) => r.status === 'FAIL').length;
      usage = results.filter((r) => r.status !== 'ERROR').map((r) => ({ checkItemId: r.itemId, hostId }));
    }
    const pending = reservationId === null ? null : { reservationId, usage };
    const row = returned<BaselineTaskRow>(
      await manager.query(
        `UPDATE baseline_tasks SET next_index = next_index + 1, completed = completed + $2, failed = failed + $3,
           quota_consumed = quota_consumed + $4, status = $5, pending_post = $6::jsonb,
           finished_at = CASE WHEN $5 = 'RUNNING' THEN NULL ELSE now() END
         WHERE id = $1 RETURNING ${TASK_COLUMNS}`,
        [task.id, items.length, failing, pending === null ? 0 : usage.length, status, pending === null ? null : JSON.stringify(pending)],
      ),
    );
    return { task: row!, pending };
  }

  /** Posts a committed host's usage (idempotent in billing) and forgets it once billing confirmed. */
  private async post(tenantId: string, taskId: string, kind: string, pending: PendingPost): Promise<void> {
    await this.quota.post(tenantId, pending.reservationId, taskId, kind === 'BASELINE_VERIFY' ? 'VERIFY' : 'SCAN', pending.usage);
    await this.database.run(tenantId, (manager) =>
      manager.query(`UPDATE baseline_tasks SET pending_post = NULL WHERE id = $1 AND pending_post->>'reservationId' = $2`, [taskId, pending.reservationId]),
    );
  }

  private async settle(tenantId: string, taskId: string, status: 'COMPLETED' | 'FAILED', error: string | null = null): Promise<BaselineTaskRow | undefined> {
    const task = returned<BaselineTaskRow>(
      await this.database.run(tenantId, (manager) =>
        manager.query(`UPDATE baseline_tasks SET status = $2, finished_at = now(), error = $3 WHERE id = $1 AND finished_at IS NULL RETURNING ${TASK_COLUMNS}`, [
          taskId, status, error,
        ]),
      ),
    );
    if (task) await this.putProgress(tenantId, task);
    return task;
  }

  async putProgress(tenantId: string, task: BaselineTaskRow): Promise<void> {
    try {
      this.progressStore ??= ProgressStore.open(this.nats);
      await (await this.progressStore).put(toTaskProgress(tenantId, task));
    } catch (error) {
      // Progress is a view: the task row stays the source of truth when the KV bucket is unreachable.
      this.progressStore = undefined;
      this.logger.warn({ err: error, taskId: task.id }, 'could not write baseline task progress');
    }
  }
}
