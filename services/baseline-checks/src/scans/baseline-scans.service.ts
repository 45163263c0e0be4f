import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EntityManager } from 'typeorm';
import { renderRemediationScript, type RemediationScript } from '@rampart/host-facts';
import { ProgressStore } from '@rampart/messaging';
import {
  BadUserInputError,
  ConflictError,
  EditionNotEntitledError,
  LOGGER,
  NATS_CONNECTION,
  NotFoundError,
  PLATFORM_CONFIG,
  TENANT_DATABASE,
  TenantDatabase,
  type Logger,
} from '@rampart/platform';
import { baselineCheckItem } from '../catalogue/baseline-catalogue';
import { evaluateHost } from '../catalogue/baseline-evaluator';
import { fullCataloguePolicy, type BaselinePolicy } from '../catalogue/baseline-policy';
import { scoreHost } from '../catalogue/baseline-score';
import type { BaselineStatus } from '../catalogue/baseline-check-item';
import { buildRemediationScript } from '../catalogue/remediation-script.builder';
import type { VulnerabilityIndex } from '../patches/vulnerability-advisory';
import { loadVulnerabilityFeed } from '../patches/vulnerability-feed.loader';
import type { BaselineChecksConfig } from '../config';
import { HostsService, isUuid } from '../hosts/hosts.service';
import { BaselinePoliciesService, resolvePolicy } from '../policies/baseline-policies.service';
import { RESULT_COLUMNS, type BaselineResultRow } from '../results/baseline-results.service';
import type { BaselineRemediationModel } from './baseline-remediation.model';
import { TASK_COLUMNS, toTaskModel, type BaselineScanTaskModel, type BaselineTaskRow } from './baseline-scan-task.model';
import { BillingEntitlementsClient } from './billing-entitlements.client';
import type { StartBaselineScanInput } from './start-baseline-scan.input';

/** Scores are over every stored result of a host, whatever subset the last scan ran. */
const SCORING_POLICY = fullCataloguePolicy();

@Injectable()
export class BaselineScansService implements OnApplicationShutdown {
  private readonly inFlight = new Set<Promise<void>>();
  private progressStore: Promise<ProgressStore> | undefined;
  private vulnerabilities: VulnerabilityIndex | undefined;

  constructor(
    @Inject(TENANT_DATABASE) private readonly database: TenantDatabase,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(PLATFORM_CONFIG) config: BaselineChecksConfig,
    private readonly hosts: HostsService,
    private readonly policies: BaselinePoliciesService,
    private readonly entitlements: BillingEntitlementsClient,
  ) {
    if (config.vulnerabilityFeedPath) this.vulnerabilities = loadVulnerabilityFeed(readFileSync(config.vulnerabilityFeedPath, 'utf8'));
  }

  /**
   * Resolves the policy, restricts it to the edition's items (EDITION_NOT_ENTITLED when none is left), records the
   * task and evaluates the hosts' stored facts in the background, host by host.
   */
  async start(tenantId: string, input: StartBaselineScanInput): Promise<BaselineScanTaskModel> {
    (input.hostIds ?? []).forEach((id, index) => {
      if (!isUuid(id)) throw new NotFoundError(`Host ${id}`);
      if (input.hostIds!.indexOf(id) !== index) throw new BadUserInputError(`input.hostIds[${index}] is listed twice`, `input.hostIds[${index}]`);
    });
    const requested = await this.database.run(tenantId, (manager) => this.requestedPolicy(manager, input));
    const entitlement = await this.entitlements.require(tenantId, 'DETECT');
    const items = requested.items.filter(({ item }) => entitlement.allowedItemIds.has(item.id));
    if (items.length === 0) {
      throw new EditionNotEntitledError(`The ${entitlement.edition} edition includes none of the requested baseline check items`);
    }
    const policy: BaselinePolicy = { name: requested.name, items };
    const { task, hostIds } = await this.database.run(tenantId, async (manager) => {
      const hostIds = await this.hostIdsOf(manager, input.hostIds ?? null);
      const [task] = (await manager.query(
        `INSERT INTO baseline_tasks (tenant_id, id, kind, status, total, host_ids, check_item_ids, policy_id)
         VALUES (current_setting('rampart.tenant_id', true), $1, 'BASELINE_SCAN', 'RUNNING', $2, $3::uuid[], $4, $5) RETURNING ${TASK_COLUMNS}`,
        [randomUUID(), hostIds.length * items.length, hostIds, items.map(({ item }) => item.id), input.policyId ?? null],
      )) as BaselineTaskRow[];
      return { task: task!, hostIds };
    });
    await this.putProgress(tenantId, task);
    const run = this.run(tenantId, task.id, policy, hostIds).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
    return toTaskModel(task);
  }

  async task(tenantId: string, id: string): Promise<BaselineScanTaskModel | null> {
    if (!isUuid(id)) return null;
    return this.database.run(tenantId, async (manager) => {
      const [row] = (await manager.query(`SELECT ${TASK_COLUMNS} FROM baseline_tasks WHERE id = $1`, [id])) as BaselineTaskRow[];
      return row ? toTaskModel(row) : null;
    });
  }

  /** A BASELINE_FIX task carrying the remediation script of a failing result, for the agent to fetch and apply. */
  async fix(tenantId: string, resultId: string): Promise<BaselineScanTaskModel> {
    if (!isUuid(resultId)) throw new NotFoundError(`Baseline result ${resultId}`);
    const entitlement = await this.entitlements.require(tenantId, 'FIX');
    return this.database.run(tenantId, async (manager) => {
      const [result] = (await manager.query(`SELECT ${RESULT_COLUMNS} FROM baseline_results WHERE id = $1`, [resultId])) as BaselineResultRow[];
      if (result === undefined) throw new NotFoundError(`Baseline result ${resultId}`);
      if (!entitlement.allowedItemIds.has(result.check_item_id)) {
        throw new EditionNotEntitledError(`The ${entitlement.edition} edition does not include baseline check item ${result.check_item_id}`);
      }
      if (result.status !== 'FAIL') throw new ConflictError(`Baseline result ${resultId} is ${result.status}: only a failing result can be fixed`);
      const item = baselineCheckItem(result.check_item_id);
      const [host] = await this.hosts.factsOf(manager, [result.host_id]);
      if (item === undefined || host === undefined) throw new NotFoundError(`Baseline result ${resultId}`);
      const taskId = randomUUID();
      const script = buildRemediationScript(item, host.facts, { taskId, params: result.params as never });
      if (script === null) throw new ConflictError(`${item.id} has no automatic fix for this host; follow its remediation text`);
      const [task] = (await manager.query(
        `INSERT INTO baseline_tasks (tenant_id, id, kind, status, total, host_ids, check_item_ids, result_id, remediation)
         VALUES (current_setting('rampart.tenant_id', true), $1, 'BASELINE_FIX', 'QUEUED', 1, $2::uuid[], $3, $4, $5) RETURNING ${TASK_COLUMNS}`,
        [taskId, [result.host_id], [item.id], result.id, JSON.stringify(script)],
      )) as BaselineTaskRow[];
      await this.putProgress(tenantId, task!);
      return toTaskModel(task!);
    });
  }

  async remediation(tenantId: string, taskId: string): Promise<BaselineRemediationModel | null> {
    if (!isUuid(taskId)) return null;
    return this.database.run(tenantId, async (manager) => {
      const [row] = (await manager.query(
        `SELECT id, result_id, host_ids[1] AS host_id, remediation FROM baseline_tasks WHERE id = $1 AND kind = 'BASELINE_FIX'`,
        [taskId],
      )) as Array<{ id: string; result_id: string; host_id: string; remediation: RemediationScript }>;
      if (row === undefined) return null;
      return {
        taskId: row.id,
        resultId: row.result_id,
        hostId: row.host_id,
        checkItemId: row.remediation.itemId,
        script: row.remediation,
        steps: row.remediation.steps,
        shellScript: renderRemediationScript(row.remediation),
      };
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private async requestedPolicy(manager: EntityManager, input: StartBaselineScanInput): Promise<BaselinePolicy> {
    const ids = input.checkItemIds ?? null;
    if (input.policyId == null) return ids === null ? fullCataloguePolicy() : resolvePolicy({ checkItemIds: ids }, 'input');
    const stored = await this.policies.load(manager, input.policyId);
    if (ids === null) return stored;
    const inPolicy = new Set(stored.items.map(({ item }) => item.id));
    ids.forEach((id, index) => {
      if (!inPolicy.has(id)) throw new BadUserInputError(`input.checkItemIds[${index}] ${id} is not in the policy`, `input.checkItemIds[${index}]`);
    });
    return { name: stored.name, items: stored.items.filter(({ item }) => ids.includes(item.id)) };
  }

  private async hostIdsOf(manager: EntityManager, requested: readonly string[] | null): Promise<string[]> {
    const rows = (requested === null
      ? await manager.query('SELECT id FROM hosts ORDER BY hostname')
      : await manager.query('SELECT id FROM hosts WHERE id = ANY($1::uuid[])', [requested])) as Array<{ id: string }>;
    if (requested === null) return rows.map((r) => r.id);
    const found = new Set(rows.map((r) => r.id));
    const missing = requested.find((id) => !found.has(id));
    if (missing !== undefined) throw new NotFoundError(`Host ${missing}`);
    return [...requested];
  }

  private async run(tenantId: string, taskId: string, policy: BaselinePolicy, hostIds: readonly string[]): Promise<void> {
    try {
      for (const hostId of hostIds) {
        const task = await this.database.run(tenantId, (manager) => this.evaluateOne(manager, taskId, hostId, policy));
        await this.putProgress(tenantId, task);
      }
      const [done] = await this.database.run(tenantId, (manager) =>
        manager.query(`UPDATE baseline_tasks SET status = 'COMPLETED', finished_at = now() WHERE id = $1 RETURNING ${TASK_COLUMNS}`, [taskId]) as Promise<[BaselineTaskRow[], number]>,
      );
      await this.putProgress(tenantId, done[0]!);
    } catch (error) {
      this.logger.error({ err: error, taskId }, 'baseline scan failed');
      const [failed] = await this.database
        .run(tenantId, (manager) =>
          manager.query(`UPDATE baseline_tasks SET status = 'FAILED', finished_at = now(), error = $2 WHERE id = $1 RETURNING ${TASK_COLUMNS}`, [taskId, String(error)]) as Promise<[BaselineTaskRow[], number]>,
        )
        .catch(() => [[]] as [BaselineTaskRow[]]);
      if (failed[0]) await this.putProgress(tenantId, failed[0]);
    }
  }

  /** Evaluates one host, upserts its results (one stable row per item and host) and its scores; returns the task. */
  private async evaluateOne(manager: EntityManager, taskId: string, hostId: string, policy: BaselinePolicy): Promise<BaselineTaskRow> {
    const [host] = await this.hosts.factsOf(manager, [hostId]);
    let errors = policy.items.length;
    if (host !== undefined) {
      const evaluation = evaluateHost(host.facts, policy, { now: new Date(), vulnerabilities: this.vulnerabilities });
      const paramsById = new Map(policy.items.map(({ item, params }) => [item.id, params]));
      const rows = evaluation.results;
      errors = rows.filter((r) => r.status === 'ERROR').length;
      await manager.query(
        `INSERT INTO baseline_results (tenant_id, id, host_id, check_item_id, status, reason, evidence, params, task_id)
         SELECT current_setting('rampart.tenant_id', true), gen_random_uuid(), $1, t.item, t.status, t.reason, t.evidence::jsonb, t.params::jsonb, $2
           FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS t(item, status, reason, evidence, params)
         ON CONFLICT (tenant_id, check_item_id, host_id) DO UPDATE
           SET status = EXCLUDED.status, reason = EXCLUDED.reason, evidence = EXCLUDED.evidence, params = EXCLUDED.params,
               task_id = EXCLUDED.task_id, last_seen_at = now()`,
        [
          hostId,
          taskId,
          rows.map((r) => r.itemId),
          rows.map((r) => r.status),
          rows.map((r) => r.reason),
          rows.map((r) => JSON.stringify(r.evidence)),
          rows.map((r) => JSON.stringify(paramsById.get(r.itemId) ?? {})),
        ],
      );
      const stored = (await manager.query('SELECT check_item_id AS "itemId", status FROM baseline_results WHERE host_id = $1', [hostId])) as Array<{ itemId: string; status: BaselineStatus }>;
      await this.hosts.saveScores(manager, hostId, scoreHost(stored, SCORING_POLICY));
    }
    const [updated] = (await manager.query(
      `UPDATE baseline_tasks SET completed = completed + $2, failed = failed + $3 WHERE id = $1 RETURNING ${TASK_COLUMNS}`,
      [taskId, policy.items.length, errors],
    )) as [BaselineTaskRow[], number];
    return updated[0]!;
  }

  private async putProgress(tenantId: string, task: BaselineTaskRow): Promise<void> {
    try {
      this.progressStore ??= ProgressStore.open(this.nats);
      const store = await this.progressStore;
      await store.put({
        scanId: task.id,
        tenantId,
        kind: task.kind,
        status: task.status,
        total: task.total,
        completed: task.completed,
        failed: task.failed,
        quotaConsumed: 0,
        updatedAt: new Date().toISOString(),
      });
    } catch (error) {
      // Progress is a view: the task row stays the source of truth when the KV bucket is unreachable.
      this.progressStore = undefined;
      this.logger.warn({ err: error, taskId: task.id }, 'could not write baseline task progress');
    }
  }
}
