import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { HostFacts } from '@rampart/host-facts';
import type { NatsConnection } from '@nats-io/transport-node';
import { ProgressStore } from '@rampart/messaging';
import { BadUserInputError, LOGGER, NATS_CONNECTION, TENANT_DATABASE, TenantDatabase, type Logger } from '@rampart/platform';
import { BaselineQuotaClient } from '../billing/baseline-quota.client';
import { toTaskProgress } from '../scans/baseline-scan-task.model';
import { verifyFixesWhenHostReports, type SettledFix } from '../scans/verify-fixes-when-host-reports.handler';
import { validateHostFacts } from './host-facts.validator';
import { HOST_COLUMNS, type HostRow } from './host.row';
import type { ReportHostFactsInput } from './report-host-facts.input';

const HOSTNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;

@Injectable()
export class HostsService {
  constructor(
    @Inject(TENANT_DATABASE) private readonly database: TenantDatabase,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly quota: BaselineQuotaClient,
  ) {}

  /**
   * Validates the agent's facts and upserts the host by hostname (the latest report replaces the facts); pending
   * fixes of the host are verified on the new facts, and a verified fix is charged on a metered plan.
   */
  async report(tenantId: string, input: ReportHostFactsInput): Promise<HostRow> {
    if (!HOSTNAME.test(input.hostname)) throw new BadUserInputError('input.hostname must be a host name', 'input.hostname');
    if (input.instanceId != null && !/^[A-Za-z0-9._:-]{1,128}$/.test(input.instanceId)) {
      throw new BadUserInputError('input.instanceId must be an instance id', 'input.instanceId');
    }
    const facts = validateHostFacts(input.facts);
    const { host, settled } = await this.database.run(tenantId, async (manager) => {
      const [row] = (await manager.query(
        `INSERT INTO hosts (tenant_id, id, hostname, instance_id, facts, reported_at)
         VALUES (current_setting('rampart.tenant_id', true), $1, $2, $3, $4, now())
         ON CONFLICT (tenant_id, hostname) DO UPDATE
           SET instance_id = COALESCE(EXCLUDED.instance_id, hosts.instance_id), facts = EXCLUDED.facts, reported_at = now()
         RETURNING ${HOST_COLUMNS}`,
        [randomUUID(), input.hostname, input.instanceId ?? null, JSON.stringify(facts)],
      )) as HostRow[];
      return { host: row!, settled: await verifyFixesWhenHostReports(manager, tenantId, row!.id, facts) };
    });
    await this.settleFixes(tenantId, settled);
    return settled.length === 0 ? host : ((await this.byIds(tenantId, [host.id]))[0] ?? host);
  }

  private async settleFixes(tenantId: string, settled: readonly SettledFix[]): Promise<void> {
    for (const fix of settled) {
      if (fix.reservationId === null) continue;
      const usage = fix.fixed ? [{ checkItemId: fix.checkItemId, hostId: fix.hostId }] : [];
      // The report stands either way; an unposted reservation is charged late or voided by billing's sweeper.
      await this.quota.post(tenantId, fix.reservationId, fix.task.id, 'FIX', usage).catch((error: unknown) => {
        this.logger.error({ err: error, taskId: fix.task.id }, 'could not post the fix reservation');
      });
    }
    if (settled.length === 0) return;
    try {
      const store = await ProgressStore.open(this.nats);
      for (const fix of settled) await store.put(toTaskProgress(tenantId, fix.task));
    } catch (error) {
      this.logger.warn({ err: error }, 'could not write baseline fix progress');
    }
  }

  async byIds(tenantId: string, ids: readonly string[]): Promise<HostRow[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.database.run(tenantId, (manager) => manager.query(`SELECT ${HOST_COLUMNS} FROM hosts WHERE id = ANY($1::uuid[])`, [valid]) as Promise<HostRow[]>);
  }

  async list(tenantId: string): Promise<HostRow[]> {
    return this.database.run(tenantId, (manager) => manager.query(`SELECT ${HOST_COLUMNS} FROM hosts ORDER BY hostname`) as Promise<HostRow[]>);
  }

  /** Stored facts of the given hosts (all when `ids` is null), inside the caller's transaction. */
  async factsOf(manager: EntityManager, ids: readonly string[] | null): Promise<Array<{ id: string; facts: HostFacts }>> {
    return (ids === null
      ? manager.query('SELECT id, facts FROM hosts ORDER BY hostname')
      : manager.query('SELECT id, facts FROM hosts WHERE id = ANY($1::uuid[]) ORDER BY hostname', [ids.filter(isUuid)])) as Promise<Array<{ id: string; facts: HostFacts }>>;
  }
}

export const isUuid = (value: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
