import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Asset } from '@rampart/asset-model';
import { EVENTS, type ExecutedApiCall, type RemediationReply, type RemediationRequest } from '@rampart/contracts';
import { publishInTransaction } from '@rampart/messaging';
import { PLATFORM_CONFIG, TENANT_DATABASE, type TenantDatabase } from '@rampart/platform';
import { createAlibabaTransports } from '../collector/alibaba-transports';
import { CloudAccountsService } from '../cloud-accounts/cloud-accounts.service';
import type { AssetsConfig } from '../config';
import { assetChangedEvent } from '../imports/asset-event.mapper';
import { ASSET_COLUMNS, type AssetRow, type AssetRowJson } from '../assets/asset.row';
import { assetRecord } from '../imports/asset-record';
import { liveApiCaller } from './live-api.caller';
import { canReadLiveState, readLiveState } from './live-state.reader';
import { RemediationExecutor, unsupportedCall } from './remediation.executor';

/** A claimed run without a reply this old was interrupted (a crash mid-call): its writes are in doubt. */
const IN_DOUBT_AFTER_SECONDS = 600;

/** The region a call without one goes to; fix plans name the resource's region (a bucket's own) on every OSS call. */
const HOME_REGION = 'cn-hangzhou';

const toAsset = (row: AssetRow) =>
  ({
    id: row.id, provider: row.provider, accountId: row.account_id, region: row.region, product: row.product, resourceType: row.resource_type,
    resourceId: row.resource_id, name: row.name, tags: row.tags, configuration: row.configuration, relationships: row.relationships, unknown: row.unknown,
  }) as Asset;

/**
 * The live-account connector's write side: runs a fix plan's captures and writes with the account's own credentials
 * (never leaving this service), once per request id, and puts the re-read state of the asset back into the inventory.
 */
@Injectable()
export class RemediationService {
  constructor(
    @Inject(TENANT_DATABASE) private readonly database: TenantDatabase,
    @Inject(PLATFORM_CONFIG) private readonly config: AssetsConfig,
    private readonly accounts: CloudAccountsService,
  ) {}

  async execute(request: RemediationRequest): Promise<RemediationReply> {
    const refuse = (errorCode: string, errorMessage: string): RemediationReply => ({ id: request.id, outcome: 'REFUSED', errorCode, errorMessage, executed: [], outputs: [] });
    const rows = (await this.database.run(request.tenantId, (m) => m.query(`SELECT ${ASSET_COLUMNS} FROM assets WHERE id = $1`, [request.assetId]))) as AssetRow[];
    if (!rows[0]) return refuse('NOT_FOUND', `Asset ${request.assetId} is not in the inventory`);
    const stored = toAsset(rows[0]);
    const unsupported = [...request.capture.map((c) => c.call), ...request.writes, ...request.rollback].map(unsupportedCall).find((reason) => reason !== null);
    if (unsupported) return refuse('BAD_USER_INPUT', unsupported);
    if (request.capture.length > 0 && !canReadLiveState(stored.resourceType)) return refuse('BAD_USER_INPUT', `No live read of ${stored.resourceType}`);
    const credentials = await this.accounts.liveCredentials(request.tenantId, stored.accountId);
    if (!credentials) return refuse('BAD_USER_INPUT', `Account ${stored.accountId} was imported from a snapshot: it has no live credentials to fix with`);

    if (request.mode === 'CHECK') return { id: request.id, outcome: 'READY', executed: [], outputs: [] };
    const executor = new RemediationExecutor(liveApiCaller(createAlibabaTransports(credentials, this.config.alibabaEndpointOverride, this.accounts.retryPolicy(), HOME_REGION)));
    if (request.mode === 'CAPTURE') {
      const captured = await executor.capture(request.capture);
      const live = readLiveState(stored, captured.calls);
      if (!live.ok) return { ...refuse('CONFLICT', `The live state could not be read: ${live.reason}`), executed: captured.executed };
      return { id: request.id, outcome: 'CAPTURED', executed: captured.executed, outputs: [], asset: live.asset };
    }

    const claimed = (await this.database.run(request.tenantId, (m) =>
      m.query(
        `INSERT INTO remediation_runs (tenant_id, id, asset_id, mode) VALUES (current_setting('rampart.tenant_id', true), $1, $2, $3)
         ON CONFLICT (tenant_id, id) DO NOTHING RETURNING id`,
        [request.id, request.assetId, request.mode],
      ),
    )) as unknown[];
    if (claimed.length === 0) {
      const previous = (await this.database.run(request.tenantId, (m) =>
        m.query(`SELECT reply, created_at > now() - make_interval(secs => $2) AS recent FROM remediation_runs WHERE id = $1`, [request.id, IN_DOUBT_AFTER_SECONDS]),
      )) as Array<{ reply: RemediationReply | null; recent: boolean }>;
      if (previous[0]?.reply) return previous[0].reply;
      return previous[0]?.recent
        ? refuse('IN_PROGRESS', `Remediation ${request.id} is still running`)
        : refuse('CONFLICT', `Remediation ${request.id} was started before and did not finish: check the account before retrying`);
    }
    const run = await executor.write(request.writes, request.mode === 'FIX' ? request.rollback : [], request.outputs ?? []);
    let reply: RemediationReply = {
      id: request.id,
      outcome: run.failure ? 'FAILED' : 'APPLIED',
      ...(run.failure ? { errorCode: run.failure.code, errorMessage: run.failure.message, rollbackFailed: run.rollbackFailed } : {}),
      executed: run.executed,
      outputs: run.outputs,
    };
    if (!run.failure && request.capture.length > 0) reply = { ...reply, ...(await this.refresh(request, stored, executor, reply.executed)) };
    await this.database.run(request.tenantId, (m) =>
      m.query('UPDATE remediation_runs SET reply = $2, finished_at = now() WHERE id = $1', [request.id, JSON.stringify(reply)]),
    );
    return reply;
  }

  /** Re-reads the captures after the writes and stores the asset as it now is, with its change event. */
  private async refresh(
    request: RemediationRequest, stored: Asset, executor: RemediationExecutor, executed: ExecutedApiCall[],
  ): Promise<Pick<RemediationReply, 'asset' | 'version' | 'executed' | 'refreshError'>> {
    const captured = await executor.capture(request.capture);
    const all = [...executed, ...captured.executed];
    const live = readLiveState(stored, captured.calls);
    if (!live.ok) return { executed: all, refreshError: live.reason };
    const record = assetRecord(live.asset);
    const row = JSON.parse(record.row) as AssetRowJson & { internet_exposed: boolean };
    const version = await this.database.run(request.tenantId, async (manager: EntityManager) => {
      const updated = (await manager.query(
        `UPDATE assets SET configuration = $2, unknown = $3, internet_exposed = $4, content_hash = $5, version = version + 1, updated_at = now()
         WHERE id = $1 RETURNING version`,
        [stored.id, JSON.stringify(row.configuration), JSON.stringify(row.unknown), row.internet_exposed, record.hash],
      )) as [Array<{ version: string }>, number];
      const next = Number(updated[0][0]?.version ?? 0);
      if (next > 0) await publishInTransaction(manager, EVENTS.assetChanged, request.tenantId, assetChangedEvent(request.tenantId, row, next, request.id, new Date()));
      return next;
    });
    return { executed: all, asset: live.asset, version };
  }
}
