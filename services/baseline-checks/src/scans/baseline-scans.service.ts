import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { renderRemediationScript, type RemediationScript } from '@rampart/host-facts';
import {
  BadUserInputError,
  ConflictError,
  EditionNotEntitledError,
  NotFoundError,
  QuotaExhaustedError,
  TENANT_DATABASE,
  TenantDatabase,
} from '@rampart/platform';
import { baselineCheckItem } from '../catalogue/baseline-catalogue';
import { fullCataloguePolicy, type BaselinePolicy } from '../catalogue/baseline-policy';
import { buildRemediationScript } from '../catalogue/remediation-script.builder';
import { BaselineQuotaClient, type Grant } from '../billing/baseline-quota.client';
import { BillingEntitlementsClient, type BaselineEntitlement } from '../billing/billing-entitlements.client';
import { HostsService, isUuid } from '../hosts/hosts.service';
import { BaselinePoliciesService, resolvePolicy } from '../policies/baseline-policies.service';
import { RESULT_COLUMNS, type BaselineResultRow } from '../results/baseline-results.service';
import type { BaselineRemediationModel } from './baseline-remediation.model';
import { TASK_COLUMNS, toTaskModel, type BaselineScanTaskModel, type BaselineTaskRow } from './baseline-scan-task.model';
import { BaselineTaskRunner } from './baseline-task.runner';
import { queueFirstHost } from './baseline-work.stream';
import type { StartBaselineScanInput } from './start-baseline-scan.input';

/** How long a fix's reservation waits for the agent to apply it and report (billing's maximum). */
const FIX_RESERVATION_SECONDS = 24 * 3600;

function uniqueIds(ids: readonly string[], path: string, what: string): void {
  ids.forEach((id, index) => {
    if (!isUuid(id)) throw new NotFoundError(`${what} ${id}`);
    if (ids.indexOf(id) !== index) throw new BadUserInputError(`${path}[${index}] is listed twice`, `${path}[${index}]`);
  });
}

@Injectable()
export class BaselineScansService {
  constructor(
    @Inject(TENANT_DATABASE) private readonly database: TenantDatabase,
    private readonly hosts: HostsService,
    private readonly policies: BaselinePoliciesService,
    private readonly entitlements: BillingEntitlementsClient,
    private readonly quota: BaselineQuotaClient,
    private readonly runner: BaselineTaskRunner,
  ) {}

  /**
   * Resolves the policy, restricts it to the edition's items (EDITION_NOT_ENTITLED when none is left), records the
   * BASELINE_SCAN task and queues its hosts: the runner evaluates their stored facts host by host.
   */
  async start(tenantId: string, input: StartBaselineScanInput): Promise<BaselineScanTaskModel> {
    uniqueIds(input.hostIds ?? [], 'input.hostIds', 'Host');
    const requested = await this.database.run(tenantId, (manager) => this.requestedPolicy(manager, input));
    const entitlement = await this.entitlements.require(tenantId, 'DETECT');
    const items = requested.items.filter(({ item }) => entitlement.allowedItemIds.has(item.id));
    if (items.length === 0) {
      throw new EditionNotEntitledError(`The ${entitlement.edition} edition includes none of the requested baseline check items`);
    }
    const { task, hostCount } = await this.database.run(tenantId, async (manager) => {
      const hostIds = await this.hostIdsOf(manager, input.hostIds ?? null);
      const task = await this.insertTask(manager, {
        kind: 'BASELINE_SCAN',
        total: hostIds.length * items.length,
        hostIds,
        checkItemIds: items.map(({ item }) => item.id),
        itemParams: Object.fromEntries(items.map(({ item, params }) => [item.id, params])),
        metered: entitlement.metered,
        policyId: input.policyId ?? null,
      });
      if (hostIds.length > 0) await queueFirstHost(manager, tenantId, task.id);
      return { task, hostCount: hostIds.length };
    });
    return toTaskModel(await this.runner.launch(tenantId, task, hostCount));
  }

  /**
   * A BASELINE_VERIFY task: re-evaluates the given results on their hosts' latest reported facts, each with the
   * parameters it was evaluated with.
   */
  async verify(tenantId: string, resultIds: readonly string[]): Promise<BaselineScanTaskModel> {
    if (resultIds.length === 0) throw new BadUserInputError('ids must name at least one baseline result', 'ids');
    uniqueIds(resultIds, 'ids', 'Baseline result');
    const rows = await this.database.run(tenantId, (manager) => this.resultsOf(manager, resultIds));
    const entitlement = await this.entitlements.require(tenantId, 'VERIFY');
    const refused = rows.find((row) => !entitlement.allowedItemIds.has(row.check_item_id));
    if (refused) throw new EditionNotEntitledError(`The ${entitlement.edition} edition does not include baseline check item ${refused.check_item_id}`);
    const retired = rows.find((row) => baselineCheckItem(row.check_item_id) === undefined);
    if (retired) throw new ConflictError(`Baseline check item ${retired.check_item_id} was retired; its result cannot be verified`);
    const hostIds = [...new Set(rows.map((row) => row.host_id))];
    const task = await this.database.run(tenantId, async (manager) => {
      const inserted = await this.insertTask(manager, {
        kind: 'BASELINE_VERIFY',
        total: rows.length,
        hostIds,
        checkItemIds: [...new Set(rows.map((row) => row.check_item_id))],
        metered: entitlement.metered,
        resultIds: [...resultIds],
      });
      await queueFirstHost(manager, tenantId, inserted.id);
      return inserted;
    });
    return toTaskModel(await this.runner.launch(tenantId, task, hostIds.length));
  }

  async task(tenantId: string, id: string): Promise<BaselineScanTaskModel | null> {
    if (!isUuid(id)) return null;
    return this.database.run(tenantId, async (manager) => {
      const [row] = (await manager.query(`SELECT ${TASK_COLUMNS} FROM baseline_tasks WHERE id = $1`, [id])) as BaselineTaskRow[];
      return row ? toTaskModel(row) : null;
    });
  }

  /**
   * A BASELINE_FIX task carrying the remediation script of a failing result, for the agent to fetch and apply. On a
   * metered plan one unit is reserved now (QUOTA_EXHAUSTED when none is left) and charged only when the next report
   * verifies the fix.
   */
  async fix(tenantId: string, resultId: string): Promise<BaselineScanTaskModel> {
    if (!isUuid(resultId)) throw new NotFoundError(`Baseline result ${resultId}`);
    const entitlement = await this.entitlements.require(tenantId, 'FIX');
    const taskId = randomUUID();
    const planned = await this.database.run(tenantId, (manager) => this.planFix(manager, entitlement, resultId, taskId));
    const grant = entitlement.metered ? await this.reserveFix(tenantId, taskId) : null;
    try {
      const task = await this.database.run(tenantId, (manager) =>
        this.insertTask(manager, {
          id: taskId,
          kind: 'BASELINE_FIX',
          status: 'QUEUED',
          total: 1,
          hostIds: [planned.hostId],
          checkItemIds: [planned.script.itemId],
          metered: entitlement.metered,
          resultIds: [resultId],
          remediation: planned.script,
          reservationId: grant?.reservationId ?? null,
        }),
      );
      await this.runner.putProgress(tenantId, task);
      return toTaskModel(task);
    } catch (error) {
      if (grant) await this.quota.void(tenantId, grant.reservationId).catch(() => undefined);
      throw error;
    }
  }

  async remediation(tenantId: string, taskId: string): Promise<BaselineRemediationModel | null> {
    if (!isUuid(taskId)) return null;
    return this.database.run(tenantId, async (manager) => {
      const [row] = (await manager.query(
        `SELECT id, result_ids[1] AS result_id, host_ids[1] AS host_id, remediation FROM baseline_tasks WHERE id = $1 AND kind = 'BASELINE_FIX'`,
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

  private async planFix(manager: EntityManager, entitlement: BaselineEntitlement, resultId: string, taskId: string) {
    const [result] = (await manager.query(`SELECT ${RESULT_COLUMNS} FROM baseline_results WHERE id = $1`, [resultId])) as BaselineResultRow[];
    if (result === undefined) throw new NotFoundError(`Baseline result ${resultId}`);
    if (!entitlement.allowedItemIds.has(result.check_item_id)) {
      throw new EditionNotEntitledError(`The ${entitlement.edition} edition does not include baseline check item ${result.check_item_id}`);
    }
    if (result.status !== 'FAIL') throw new ConflictError(`Baseline result ${resultId} is ${result.status}: only a failing result can be fixed`);
    const item = baselineCheckItem(result.check_item_id);
    const [host] = await this.hosts.factsOf(manager, [result.host_id]);
    if (item === undefined || host === undefined) throw new NotFoundError(`Baseline result ${resultId}`);
    const script = buildRemediationScript(item, host.facts, { taskId, params: result.params as never });
    if (script === null) throw new ConflictError(`${item.id} has no automatic fix for this host; follow its remediation text`);
    return { hostId: result.host_id, script };
  }

  private async reserveFix(tenantId: string, taskId: string): Promise<Grant> {
    const grant = await this.quota.reserve(tenantId, { id: `${taskId}:fix`, taskId, units: 1, operation: 'FIX', timeoutSeconds: FIX_RESERVATION_SECONDS });
    if (grant.granted === 0) {
      await this.quota.post(tenantId, grant.reservationId, taskId, 'FIX', []);
      throw new QuotaExhaustedError('No quota is left to pay for a fix; buy more quota or switch to pay-as-you-go');
    }
    return grant;
  }

  private async insertTask(
    manager: EntityManager,
    task: {
      id?: string;
      kind: 'BASELINE_SCAN' | 'BASELINE_VERIFY' | 'BASELINE_FIX';
      status?: 'RUNNING' | 'QUEUED';
      total: number;
      hostIds: readonly string[];
      checkItemIds: readonly string[];
      itemParams?: Record<string, unknown>;
      metered: boolean;
      policyId?: string | null;
      resultIds?: readonly string[];
      remediation?: RemediationScript;
      reservationId?: string | null;
    },
  ): Promise<BaselineTaskRow> {
    const [row] = (await manager.query(
      `INSERT INTO baseline_tasks (tenant_id, id, kind, status, total, host_ids, check_item_ids, metered, policy_id, result_ids, remediation, reservation_id, item_params)
       VALUES (current_setting('rampart.tenant_id', true), $1, $2, $3, $4, $5::uuid[], $6, $7, $8, $9::uuid[], $10, $11, $12) RETURNING ${TASK_COLUMNS}`,
      [
        task.id ?? randomUUID(),
        task.kind,
        task.status ?? 'RUNNING',
        task.total,
        task.hostIds,
        task.checkItemIds,
        task.metered,
        task.policyId ?? null,
        task.resultIds ?? [],
        task.remediation ? JSON.stringify(task.remediation) : null,
        task.reservationId ?? null,
        JSON.stringify(task.itemParams ?? {}),
      ],
    )) as BaselineTaskRow[];
    return row!;
  }

  private async resultsOf(manager: EntityManager, ids: readonly string[]): Promise<BaselineResultRow[]> {
    const rows = (await manager.query(`SELECT ${RESULT_COLUMNS} FROM baseline_results WHERE id = ANY($1::uuid[])`, [ids])) as BaselineResultRow[];
    const found = new Map(rows.map((row) => [row.id, row]));
    const missing = ids.find((id) => !found.has(id));
    if (missing !== undefined) throw new NotFoundError(`Baseline result ${missing}`);
    return ids.map((id) => found.get(id)!);
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
}
