import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { BadUserInputError, NotFoundError, PLATFORM_CONFIG, RampartError, TENANT_DATABASE, type TenantDatabase } from '@rampart/platform';
import type { AssetsConfig } from '../config';
import { AlibabaCollector } from '../collector/alibaba-collector';
import { AlibabaRpcTransport } from '../collector/alibaba-rpc.transport';
import { createAlibabaTransports } from '../collector/alibaba-transports';
import type { AlibabaCredentials, RetryPolicy } from '../collector/call-outcome';
import { ImportInventoryService } from '../imports/import-inventory.service';
import type { AddCloudAccountInput } from './add-cloud-account.input';
import type { CloudAccountModel, CloudAccountSyncModel } from './cloud-account.model';
import { CredentialCipher, maskAccessKeyId } from './credential-cipher';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLE_ARN = /^acs:ram::\d+:role\/[\w.@-]{1,64}$/i;
const HOME_REGION = 'cn-hangzhou';

interface StoredCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  roleArn?: string;
  externalId?: string;
}

interface CloudAccountRow {
  id: string;
  name: string;
  account_id: string | null;
  kind: string;
  access_key_id_masked: string | null;
  role_arn: string | null;
  credentials_ciphertext: Buffer;
  credentials_iv: Buffer;
  credentials_tag: Buffer;
  created_at: Date;
  last_sync_at: Date | null;
  last_sync_status: string | null;
}

const toModel = (row: CloudAccountRow): CloudAccountModel => ({
  id: row.id,
  name: row.name,
  accountId: row.account_id,
  kind: row.kind,
  accessKeyId: row.access_key_id_masked,
  roleArn: row.role_arn,
  createdAt: row.created_at,
  lastSyncAt: row.last_sync_at,
  lastSyncStatus: row.last_sync_status,
});

/** Live Alibaba Cloud accounts: stores their credentials sealed, and syncs them into the inventory through the importer. */
@Injectable()
export class CloudAccountsService {
  private cipherInstance: CredentialCipher | undefined;

  constructor(
    @Inject(TENANT_DATABASE) private readonly database: TenantDatabase,
    @Inject(PLATFORM_CONFIG) private readonly config: AssetsConfig,
    private readonly importer: ImportInventoryService,
  ) {}

  /** Built on first use, so a service started without a key (tests, imports only) still serves everything else. */
  private get cipher(): CredentialCipher {
    if (!this.config.credentialsKey) throw new Error('The assets service needs CREDENTIALS_KEY to store cloud account credentials');
    this.cipherInstance ??= new CredentialCipher(this.config.credentialsKey);
    return this.cipherInstance;
  }

  async add(tenantId: string, input: AddCloudAccountInput): Promise<CloudAccountModel> {
    if (input.name.trim() === '' || input.name.length > 200) throw new BadUserInputError('name must be 1–200 characters', 'input.name');
    if (!/^[A-Za-z0-9]{8,128}$/.test(input.accessKeyId)) throw new BadUserInputError('accessKeyId is not an AccessKey id', 'input.accessKeyId');
    if (input.accessKeySecret.length < 8 || input.accessKeySecret.length > 256) throw new BadUserInputError('accessKeySecret is not an AccessKey secret', 'input.accessKeySecret');
    if (input.accountId != null && !/^\d{1,32}$/.test(input.accountId)) throw new BadUserInputError('accountId must be digits', 'input.accountId');
    if (input.roleArn != null && !ROLE_ARN.test(input.roleArn)) throw new BadUserInputError('roleArn must look like acs:ram::<account>:role/<name>', 'input.roleArn');
    const id = randomUUID();
    const secret: StoredCredentials = {
      accessKeyId: input.accessKeyId,
      accessKeySecret: input.accessKeySecret,
      ...(input.roleArn ? { roleArn: input.roleArn } : {}),
      ...(input.externalId ? { externalId: input.externalId } : {}),
    };
    const sealed = this.cipher.seal(secret, `${tenantId}:${id}`);
    const accountId = input.accountId ?? (input.roleArn ? input.roleArn.split(':')[3] : null);
    const rows = (await this.database.run(tenantId, (m) =>
      m.query(
        `INSERT INTO cloud_accounts (tenant_id, id, name, account_id, kind, access_key_id_masked, role_arn,
           credentials_ciphertext, credentials_iv, credentials_tag)
         VALUES (current_setting('rampart.tenant_id', true), $1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [id, input.name.trim(), accountId, input.roleArn ? 'ROLE' : 'ACCESS_KEY', maskAccessKeyId(input.accessKeyId), input.roleArn ?? null,
          sealed.ciphertext, sealed.iv, sealed.tag],
      ),
    )) as CloudAccountRow[];
    return toModel(rows[0]!);
  }

  async list(tenantId: string): Promise<CloudAccountModel[]> {
    const rows = (await this.database.run(tenantId, (m) => m.query('SELECT * FROM cloud_accounts ORDER BY created_at, id'))) as CloudAccountRow[];
    return rows.map(toModel);
  }

  async sync(tenantId: string, id: string, writeSnapshot: boolean): Promise<CloudAccountSyncModel> {
    const row = await this.find(tenantId, id);
    if (!row) throw new NotFoundError('Cloud account');
    const credentials = await this.credentialsOf(tenantId, row);
    const transports = createAlibabaTransports(credentials, this.config.alibabaEndpointOverride, this.retryPolicy(), HOME_REGION);
    const collector = new AlibabaCollector(transports, {
      homeRegion: HOME_REGION,
      sasRegion: 'cn-shanghai',
      concurrency: this.config.collectorConcurrency ?? 4,
      ...(row.account_id ? { accountId: row.account_id } : {}),
    });
    const snapshot = await collector.collect();
    const failedCalls = snapshot.calls.filter((call) => call.error !== undefined).length;
    let snapshotPath: string | null = null;
    if (writeSnapshot) {
      const dir = resolve(this.config.snapshotDir ?? '.rampart/snapshots');
      await mkdir(dir, { recursive: true });
      snapshotPath = join(dir, `${tenantId}-${row.id}-${Date.now()}.json`);
      await writeFile(snapshotPath, JSON.stringify(snapshot), { mode: 0o600 });
    }
    // Without an account id (STS refused and none was given) there is no inventory to replace.
    const imported = snapshot.accountId === 'unknown' ? null : await this.importer.importSnapshot(tenantId, snapshot);
    const status = failedCalls === snapshot.calls.length || !imported ? 'FAILED' : imported.status;
    const updated = (await this.database.run(tenantId, (m) =>
      m.query(
        `UPDATE cloud_accounts SET last_sync_at = now(), last_sync_status = $2, account_id = COALESCE(account_id, $3)
         WHERE id = $1 RETURNING *`,
        [row.id, status, snapshot.accountId === 'unknown' ? null : snapshot.accountId],
      ),
    )) as [CloudAccountRow[], number];
    return { account: toModel(updated[0][0]!), import: imported, calls: snapshot.calls.length, failedCalls, snapshotPath };
  }

  /** Live credentials (the stored pair, or the role's STS credentials) of the account with that Alibaba id; null when none is registered (import only). */
  async liveCredentials(tenantId: string, alibabaAccountId: string): Promise<AlibabaCredentials | null> {
    const rows = (await this.database.run(tenantId, (m) =>
      m.query('SELECT * FROM cloud_accounts WHERE account_id = $1 ORDER BY created_at LIMIT 1', [alibabaAccountId]),
    )) as CloudAccountRow[];
    return rows[0] ? this.credentialsOf(tenantId, rows[0]) : null;
  }

  retryPolicy(): RetryPolicy {
    return { attempts: 5, baseDelayMs: this.config.collectorRetryBaseMs ?? 500 };
  }

  private async credentialsOf(tenantId: string, row: CloudAccountRow): Promise<AlibabaCredentials> {
    const stored = this.cipher.open<StoredCredentials>(
      { ciphertext: row.credentials_ciphertext, iv: row.credentials_iv, tag: row.credentials_tag },
      `${tenantId}:${row.id}`,
    );
    return stored.roleArn ? this.assumeRole(stored, this.retryPolicy()) : stored;
  }

  private async find(tenantId: string, id: string): Promise<CloudAccountRow | undefined> {
    if (!UUID.test(id)) return undefined;
    const rows = (await this.database.run(tenantId, (m) => m.query('SELECT * FROM cloud_accounts WHERE id = $1', [id]))) as CloudAccountRow[];
    return rows[0];
  }

  /** Short-lived credentials of the role, from STS AssumeRole with the stored pair. */
  private async assumeRole(stored: StoredCredentials, retry: RetryPolicy): Promise<AlibabaCredentials> {
    const sts = new AlibabaRpcTransport({ accessKeyId: stored.accessKeyId, accessKeySecret: stored.accessKeySecret }, this.config.alibabaEndpointOverride, retry);
    const outcome = await sts.call('Sts', 'AssumeRole', null, {
      RoleArn: stored.roleArn, RoleSessionName: 'rampart-sync', DurationSeconds: 3600,
      ...(stored.externalId ? { ExternalId: stored.externalId } : {}),
    });
    if ('error' in outcome) throw new RampartError('CONFLICT', `Could not assume the role: ${outcome.error.code}`);
    const issued = outcome.response.Credentials as { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string };
    return { accessKeyId: issued.AccessKeyId, accessKeySecret: issued.AccessKeySecret, securityToken: issued.SecurityToken };
  }
}
