import { Client } from 'pg';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { PROGRESS_BUCKET } from '@rampart/contracts';
import { progressKey, ProgressStore, type TaskProgress } from '@rampart/messaging';
import type { TenantDatabase } from '@rampart/platform';
import { TEST_DATABASE_URL } from '@rampart/testing';
import { assetFixtures } from '../../src/checks/testing/asset.fixtures';

export const TERMINAL = ['COMPLETED', 'STOPPED_QUOTA_EXHAUSTED', 'FAILED', 'CANCELLED'];

/** Every progress write of a tenant's tasks, in order (a plain subscription on the KV subjects misses none). */
export class ProgressRecorder {
  readonly updates: TaskProgress[] = [];
  private readonly subscription: Subscription;
  private readonly waiters: Array<() => void> = [];

  constructor(nats: NatsConnection, tenantId: string) {
    this.subscription = nats.subscribe(`$KV.${PROGRESS_BUCKET}.${tenantId}.*`, {
      callback: (_error, message) => {
        this.updates.push(message.json<TaskProgress>());
        this.waiters.splice(0).forEach((wake) => wake());
      },
    });
  }

  of(taskId: string): TaskProgress[] {
    return this.updates.filter((update) => update.scanId === taskId);
  }

  /** The first update of the task that satisfies `predicate`, as soon as it is written. */
  async until(taskId: string, predicate: (update: TaskProgress) => boolean): Promise<TaskProgress> {
    for (;;) {
      const found = this.of(taskId).find(predicate);
      if (found) return found;
      await new Promise<void>((wake) => this.waiters.push(wake));
    }
  }

  finished(taskId: string): Promise<TaskProgress> {
    return this.until(taskId, (update) => TERMINAL.includes(update.status));
  }

  stop(): void {
    this.subscription.unsubscribe();
  }
}

/** Resolves when the task's progress in the KV bucket reaches a terminal status. */
export async function finished(nats: NatsConnection, tenantId: string, taskId: string): Promise<TaskProgress> {
  const watcher = await (await ProgressStore.open(nats)).kv.watch({ key: progressKey(tenantId, taskId) });
  try {
    for await (const entry of watcher) {
      if (entry.operation !== 'PUT') continue;
      const progress = entry.json<TaskProgress>();
      if (TERMINAL.includes(progress.status)) return progress;
    }
    throw new Error(`progress watch of ${taskId} ended`);
  } finally {
    watcher.stop();
  }
}

/** OSS buckets in the config-checks replica; the first has versioning suspended (fails oss-bucket-versioning). */
export async function seedBuckets(database: TenantDatabase, tenantId: string, count: number): Promise<string[]> {
  const assets = Array.from({ length: count }, (_, i) =>
    assetFixtures.bucket({ bucketName: `bucket-${String(i).padStart(5, '0')}`, ...(i === 0 ? { versioning: 'Suspended' } : {}) }),
  );
  await database.run(tenantId, (m) =>
    m.query(
      `INSERT INTO asset_replica (tenant_id, id, account_id, resource_type, version, asset)
       SELECT $1, id, account_id, resource_type, 1, asset FROM unnest($2::text[], $3::text[], $4::text[], $5::jsonb[]) AS t(id, account_id, resource_type, asset)`,
      [tenantId, assets.map((a) => a.id), assets.map((a) => a.accountId), assets.map((a) => a.resourceType), assets.map((a) => JSON.stringify(a))],
    ),
  );
  return assets.map((a) => a.id);
}

/** Read-only access to billing's own database, to compare its ledger with the results (as an auditor would). */
export class BillingLedgerReader {
  private constructor(private readonly client: Client) {}

  static async open(databaseName: string): Promise<BillingLedgerReader> {
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${databaseName}`;
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    return new BillingLedgerReader(client);
  }

  /** `item|asset` of every charged evaluation of the task, sorted. */
  async usage(tenantId: string, taskId: string): Promise<string[]> {
    const { rows } = await this.client.query<{ pair: string }>(
      `SELECT check_item_id || '|' || asset_id AS pair FROM usage WHERE tenant_id = $1 AND task_id = $2 ORDER BY 1`,
      [tenantId, taskId],
    );
    return rows.map((row) => row.pair);
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

export const pairKey = (checkItemId: string, assetId: string) => `${checkItemId}|${assetId}`;

/** Polls `read` until `done` holds (billing posts batches asynchronously and announces no single post). */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
