import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { EVENTS } from '@rampart/contracts';
import { provisionDatabase, TenantDatabase } from '@rampart/platform';
import { dropTestDatabase, startPrivateNats, testPlatformConfig, TEST_DATABASE_URL } from '@rampart/testing';
import { configChecksMigrations } from '../src/database/migrations';
import { ServiceProcess } from './support/service.process';
import { BillingLedgerReader, eventually, finished, pairKey, ProgressRecorder, seedBuckets } from './support/scan-test-kit';

const PAID_OSS_ITEMS = ['oss-bucket-block-public-access', 'oss-bucket-ip-restriction', 'oss-bucket-secure-transport', 'oss-bucket-sse-kms', 'oss-bucket-versioning'];
/** 2,000 buckets × 5 paid items: 10,000 evaluations in 100 batches, so a kill after the first lands mid-scan. */
const BUCKETS = 2_000;
const EVALUATIONS = BUCKETS * PAID_OSS_ITEMS.length;

const START = `mutation ($input: StartScanInput!) { startScan(input: $input) { id total } }`;
const TASK = `query ($id: ID!) { scanTask(id: $id) { id status total completed quotaConsumed } }`;

/**
 * Scans survive crashes: the config-checks worker and billing run as their own processes (`npm start`'s entry
 * points) and are SIGKILLed mid-scan; a new process takes over and the scan completes with every result, result
 * event and charged unit exactly once.
 */
describe('scans across restarts of the services they run on', () => {
  const databaseName = `rampart_config_checks_t_${randomBytes(5).toString('hex')}`;
  const billingDatabase = `rampart_billing_t_${randomBytes(5).toString('hex')}`;
  let nats: { url: string; stop(): Promise<void> };
  let client: NatsConnection;
  let database: TenantDatabase;
  let ledger: BillingLedgerReader;
  const running = new Set<ServiceProcess>();

  async function start(name: 'billing' | 'config-checks'): Promise<ServiceProcess> {
    const service = await ServiceProcess.start(name, { databaseName: name === 'billing' ? billingDatabase : databaseName, natsUrl: nats.url });
    running.add(service);
    void service.exited.then(() => running.delete(service));
    return service;
  }

  beforeAll(async () => {
    nats = await startPrivateNats();
    client = await connect({ servers: nats.url });
    const config = testPlatformConfig('config-checks', { natsUrl: nats.url, databaseName });
    database = new TenantDatabase(await provisionDatabase(config, configChecksMigrations, { poolSize: 4 }));
  }, 60_000);
  afterEach(async () => {
    await Promise.all([...running].map((service) => service.stop()));
    await ledger?.close();
  });
  afterAll(async () => {
    await database?.close();
    await client?.drain();
    await dropTestDatabase({ databaseUrl: TEST_DATABASE_URL, databaseName });
    await dropTestDatabase({ databaseUrl: TEST_DATABASE_URL, databaseName: billingDatabase });
    await nats?.stop();
  });

  async function subscribe(billing: ServiceProcess, tenant: string, units: number): Promise<void> {
    const bought = await billing.graphql(tenant, `mutation ($input: PurchaseSubscriptionInput!) { purchaseSubscription(input: $input) { model } }`, {
      input: { edition: 'ENTERPRISE', cspmQuota: units, months: 12 },
    });
    expect(bought.errors).toBeUndefined();
  }

  const taskRow = async (tenant: string, id: string) =>
    ((await database.run(tenant, (m) => m.query('SELECT status, next_batch FROM scan_tasks WHERE id = $1', [id]))) as Array<{ status: string; next_batch: number }>)[0];

  const resultEventsOnStream = async () =>
    (await (await jetstreamManager(client)).streams.info('CONFIG_CHECKS', { subjects_filter: EVENTS.resultChanged.subject })).state.subjects?.[
      EVENTS.resultChanged.subject
    ] ?? 0;

  /** Every result, result event and usage line of the task, each exactly once (`eventsBefore`: other tenants' events). */
  async function expectExactlyOnce(tenant: string, id: string, billing: ServiceProcess, eventsBefore: number): Promise<void> {
    const results = (await database.run(tenant, (m) =>
      m.query(`SELECT id, check_item_id || '|' || asset_id AS pair FROM check_results WHERE last_task_id = $1 ORDER BY 2`, [id]),
    )) as Array<{ id: string; pair: string }>;
    expect(results).toHaveLength(EVALUATIONS);
    const expected = (await database.run(tenant, (m) => m.query('SELECT id FROM asset_replica ORDER BY id'))) as Array<{ id: string }>;
    expect(results.map((r) => r.pair)).toEqual(expected.flatMap(({ id: assetId }) => PAID_OSS_ITEMS.map((item) => pairKey(item, assetId))).sort());

    // One result event per result in the outbox, and exactly that many on the stream once the relay caught up.
    const events = (await database.runUnscoped((m) =>
      m.query(`SELECT count(*)::int AS n, count(DISTINCT payload)::int AS distinct_payloads FROM outbox WHERE tenant_id = $1 AND subject = $2`, [
        tenant,
        EVENTS.resultChanged.subject,
      ]),
    )) as Array<{ n: number; distinct_payloads: number }>;
    expect(events[0]).toEqual({ n: EVALUATIONS, distinct_payloads: EVALUATIONS });
    const onStream = await eventually(resultEventsOnStream, (count) => count >= eventsBefore + EVALUATIONS, 'result events on the stream');
    expect(onStream - eventsBefore).toBe(EVALUATIONS);

    const account = await eventually(
      async () => (await billing.graphql(tenant, '{ billingAccount { quota { purchased consumed reserved remaining } } }')).data!.billingAccount.quota,
      (quota) => quota.reserved === 0 && quota.consumed >= EVALUATIONS,
      'billing posted every batch',
    );
    expect(account).toEqual({ purchased: 100_000, consumed: EVALUATIONS, reserved: 0, remaining: 100_000 - EVALUATIONS });
    expect(await ledger.usage(tenant, id)).toEqual(results.map((r) => r.pair));
  }

  it('completes a scan whose worker was SIGKILLed mid-scan, once a new worker starts', async () => {
    const tenant = 'crash-worker';
    const billing = await start('billing');
    ledger = await BillingLedgerReader.open(billingDatabase);
    await subscribe(billing, tenant, 100_000);
    await seedBuckets(database, tenant, BUCKETS);
    const progress = new ProgressRecorder(client, tenant);
    const eventsBefore = await resultEventsOnStream();
    const first = await start('config-checks');

    const started = await first.graphql(tenant, START, { input: { checkItemIds: PAID_OSS_ITEMS } });
    const id = started.data!.startScan.id as string;
    expect(started.data!.startScan.total).toBe(EVALUATIONS);
    await progress.until(id, (update) => update.completed > 0);
    await first.kill();
    const atKill = await taskRow(tenant, id);
    expect(atKill.status).toBe('RUNNING');
    expect(atKill.next_batch).toBeLessThan(EVALUATIONS / 100);

    const second = await start('config-checks');
    await finished(client, tenant, id);
    progress.stop();
    expect((await second.graphql(tenant, TASK, { id })).data!.scanTask).toEqual({
      id,
      status: 'COMPLETED',
      total: EVALUATIONS,
      completed: EVALUATIONS,
      quotaConsumed: EVALUATIONS,
    });
    const counts = progress.of(id).map((update) => update.completed);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    await expectExactlyOnce(tenant, id, billing, eventsBefore);
  }, 300_000);

  it('completes a scan whose billing service was SIGKILLed mid-scan, once billing is back', async () => {
    const tenant = 'crash-billing';
    let billing = await start('billing');
    ledger = await BillingLedgerReader.open(billingDatabase);
    await subscribe(billing, tenant, 100_000);
    await seedBuckets(database, tenant, BUCKETS);
    const progress = new ProgressRecorder(client, tenant);
    const eventsBefore = await resultEventsOnStream();
    const worker = await start('config-checks');

    const started = await worker.graphql(tenant, START, { input: { checkItemIds: PAID_OSS_ITEMS } });
    const id = started.data!.startScan.id as string;
    await progress.until(id, (update) => update.completed > 0);
    await billing.kill();
    expect((await taskRow(tenant, id)).status).toBe('RUNNING');

    billing = await start('billing');
    await finished(client, tenant, id);
    progress.stop();
    expect((await worker.graphql(tenant, TASK, { id })).data!.scanTask).toMatchObject({ status: 'COMPLETED', completed: EVALUATIONS, quotaConsumed: EVALUATIONS });
    await expectExactlyOnce(tenant, id, billing, eventsBefore);
  }, 300_000);
});
