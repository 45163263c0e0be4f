import { randomBytes } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { fromBinary, ResultChange, ResultChangedSchema } from '@rampart/contracts';
import { ProgressStore } from '@rampart/messaging';
import { signInternalIdentity, type RunningSubgraph } from '@rampart/platform';
import { dropTestDatabase, startPrivateNats, testPlatformConfig, TEST_DATABASE_URL, TEST_INTERNAL_SECRET } from '@rampart/testing';
import type { ConfigChecksConfig } from '../src/config';
import { startConfigChecksSubgraph } from '../src/config-checks.subgraph';
import { SCAN_WORK_QUEUE } from '../src/scans/scan-work.stream';
import { ServiceProcess, type GraphQLAnswer } from './support/service.process';
import { BillingLedgerReader, eventually, finished, pairKey, ProgressRecorder, seedBuckets } from './support/scan-test-kit';

/** The seed's example: 150 instances (10 × 15) × 5 paid items = 750 paid evaluations. */
const PAID_OSS_ITEMS = ['oss-bucket-block-public-access', 'oss-bucket-ip-restriction', 'oss-bucket-secure-transport', 'oss-bucket-sse-kms', 'oss-bucket-versioning'];
const FREE_OSS_ITEMS = ['oss-bucket-encryption', 'oss-bucket-logging', 'oss-bucket-public-access', 'oss-bucket-public-write', 'actiontrail-bucket-not-public'];
const INSTANCES = 150;

const START = `mutation ($input: StartScanInput!) { startScan(input: $input) { id kind status total completed failed quotaConsumed startedAt finishedAt } }`;
const TASK = `query ($id: ID!) { scanTask(id: $id) { id kind status total completed failed quotaConsumed startedAt finishedAt } }`;
const RESULTS = `query ($filter: CheckResultFilter, $first: Int, $after: String) {
  checkResults(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id status reason checkItem { id free severity } asset { id } firstSeenAt lastSeenAt } }
  }
}`;
interface ResultPage {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: { checkItem: { id: string }; asset: { id: string } } }>;
}
const ACCOUNT = `{ billingAccount { edition model quota { purchased consumed reserved remaining } payAsYouGoBilled } }`;

describe('config-check scans charged by the billing service', () => {
  let nats: { url: string; stop(): Promise<void> };
  let config: ConfigChecksConfig;
  let subgraph: RunningSubgraph;
  let client: NatsConnection;
  let billing: ServiceProcess;
  let billingDatabase: string;
  let ledger: BillingLedgerReader;

  beforeAll(async () => {
    nats = await startPrivateNats();
    config = testPlatformConfig('config-checks', { natsUrl: nats.url });
    billingDatabase = `rampart_billing_t_${randomBytes(5).toString('hex')}`;
    client = await connect({ servers: nats.url });
    [billing, subgraph] = await Promise.all([
      ServiceProcess.start('billing', { databaseName: billingDatabase, natsUrl: nats.url }),
      startConfigChecksSubgraph(config),
    ]);
    ledger = await BillingLedgerReader.open(billingDatabase);
  }, 180_000);
  afterAll(async () => {
    await ledger?.close();
    await subgraph?.close();
    await billing?.stop();
    await client?.drain();
    await dropTestDatabase(config);
    await dropTestDatabase({ databaseUrl: TEST_DATABASE_URL, databaseName: billingDatabase });
    await nats?.stop();
  });

  async function gql(tenant: string, query: string, variables: Record<string, unknown> = {}) {
    const token = await signInternalIdentity({ subject: 'tester', tenantId: tenant, roles: ['analyst'], permissions: ['read', 'scan'], via: 'jwt' }, TEST_INTERNAL_SECRET);
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rampart-identity': token },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLAnswer;
  }

  /** Buys the Enterprise edition with `units` of CSPM quota through billing's GraphQL API. */
  async function subscribe(tenant: string, units: number): Promise<void> {
    const bought = await billing.graphql(tenant, `mutation ($input: PurchaseSubscriptionInput!) { purchaseSubscription(input: $input) { model quota { remaining } } }`, {
      input: { edition: 'ENTERPRISE', cspmQuota: units, months: 12 },
    });
    expect(bought.errors).toBeUndefined();
    expect(bought.data!.purchaseSubscription).toEqual({ model: 'SUBSCRIPTION', quota: { remaining: units } });
  }

  async function account(tenant: string) {
    const answer = await billing.graphql(tenant, ACCOUNT);
    expect(answer.errors).toBeUndefined();
    return answer.data!.billingAccount as { edition: string; model: string; quota: { purchased: number; consumed: number; reserved: number; remaining: number | null }; payAsYouGoBilled: number };
  }

  /** Billing has posted every batch of the tenant (its consumer of batch events runs behind the scan). */
  const settled = (tenant: string, consumed: number) =>
    eventually(() => account(tenant), (a) => a.quota.reserved === 0 && a.quota.consumed === consumed, `billing account of ${tenant}`);

  /** Starts a scan and waits for its terminal progress (the KV write, not polling). */
  async function scan(tenant: string, input: Record<string, unknown>) {
    const progress = new ProgressRecorder(client, tenant);
    try {
      const started = await gql(tenant, START, { input });
      expect(started.errors).toBeUndefined();
      const id = started.data!.startScan.id as string;
      await progress.finished(id);
      const task = (await gql(tenant, TASK, { id })).data!.scanTask;
      return { started: started.data!.startScan, task, updates: progress.of(id) };
    } finally {
      progress.stop();
    }
  }

  /** `item|asset` of every result of the task, sorted. */
  async function resultPairs(tenant: string, scanId: string): Promise<string[]> {
    const pairs: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: ResultPage = (await gql(tenant, RESULTS, { filter: { scanId }, first: 500, after })).data!.checkResults;
      pairs.push(...page.edges.map(({ node }) => pairKey(node.checkItem.id, node.asset.id)));
      if (!page.pageInfo.hasNextPage) return pairs.sort();
      after = page.pageInfo.endCursor;
    }
  }

  /** The task once its progress reached a terminal status (a KV watch: the current value, then every change). */
  async function waitForTask(tenant: string, id: string) {
    await finished(client, tenant, id);
    return (await gql(tenant, TASK, { id })).data!.scanTask;
  }

  const outboxCount = async (tenant: string, subject: string) =>
    (
      (await subgraph.database.runUnscoped((m) => m.query('SELECT count(*)::int AS n FROM outbox WHERE tenant_id = $1 AND subject = $2', [tenant, subject]))) as Array<{
        n: number;
      }>
    )[0].n;

  it('lists check items with their filter and catalogue fields', async () => {
    const { data, errors } = await gql('cat-tenant', `{ checkItems(filter: { product: "OSS", free: false }) { id title description rationale severity free fixable product resourceType standards { standard controlId } remediation parameters } }`);
    expect(errors).toBeUndefined();
    const ids = data!.checkItems.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining(PAID_OSS_ITEMS));
    expect(data!.checkItems.every((i: { free: boolean; product: string }) => !i.free && i.product === 'OSS')).toBe(true);
  });

  it('charges exactly 750 units for 150 instances × 5 paid items, one usage line per result', async () => {
    const tenant = 'scan-full';
    await subscribe(tenant, 10_000);
    await seedBuckets(subgraph.database, tenant, INSTANCES);
    const { started, task } = await scan(tenant, { checkItemIds: PAID_OSS_ITEMS });
    expect(started).toMatchObject({ kind: 'SCAN', total: 750 });
    expect(task).toMatchObject({ status: 'COMPLETED', total: 750, completed: 750, quotaConsumed: 750 });
    expect(task.finishedAt).not.toBeNull();
    const failing = await gql(tenant, RESULTS, { filter: { status: ['FAIL'], scanId: task.id }, first: 1 });
    expect(task.failed).toBe(failing.data!.checkResults.totalCount);

    const results = await resultPairs(tenant, task.id);
    expect(results).toHaveLength(750);
    await expect(settled(tenant, 750)).resolves.toMatchObject({ quota: { purchased: 10_000, consumed: 750, reserved: 0, remaining: 9_250 } });
    expect(await ledger.usage(tenant, task.id)).toEqual(results);
    expect(await outboxCount(tenant, 'config-checks.result.changed.v1')).toBe(750);
    const progress = await (await ProgressStore.open(client)).get(tenant, task.id);
    expect(progress).toMatchObject({ status: 'COMPLETED', completed: 750, quotaConsumed: 750 });
  }, 120_000);

  it('stops after exactly 500 paid evaluations of a 500-unit subscription and shows exactly those results', async () => {
    const tenant = 'scan-quota';
    await subscribe(tenant, 500);
    const assetIds = await seedBuckets(subgraph.database, tenant, INSTANCES);
    const { task } = await scan(tenant, { checkItemIds: PAID_OSS_ITEMS });
    expect(task).toMatchObject({ status: 'STOPPED_QUOTA_EXHAUSTED', total: 750, completed: 500, quotaConsumed: 500 });
    expect(task.finishedAt).not.toBeNull();

    // The plan runs asset by asset, items in id order: the paid prefix is the first 100 buckets' five items.
    const expected = assetIds.slice(0, 100).flatMap((assetId) => [...PAID_OSS_ITEMS].sort().map((item) => pairKey(item, assetId))).sort();
    expect(await resultPairs(tenant, task.id)).toEqual(expected);
    expect((await gql(tenant, RESULTS, { first: 0 })).data!.checkResults.totalCount).toBe(500);
    await expect(settled(tenant, 500)).resolves.toMatchObject({ quota: { purchased: 500, consumed: 500, reserved: 0, remaining: 0 } });
    expect(await ledger.usage(tenant, task.id)).toEqual(expected);
  }, 120_000);

  it('charges nothing for free items, alone or before the quota runs out in a mixed scan', async () => {
    const tenant = 'scan-free';
    await subscribe(tenant, 10);
    await seedBuckets(subgraph.database, tenant, INSTANCES);
    const { task } = await scan(tenant, { checkItemIds: FREE_OSS_ITEMS });
    expect(task).toMatchObject({ status: 'COMPLETED', total: 750, completed: 750, quotaConsumed: 0 });
    // A mixed scan charges only its paid evaluations: 150 units of which 10 were bought, so it stops at the 10th.
    const mixed = await scan(tenant, { checkItemIds: ['oss-bucket-encryption', 'oss-bucket-versioning'] });
    // Ten buckets' two items, and the free item of the eleventh, planned before its unpaid one.
    expect(mixed.task).toMatchObject({ status: 'STOPPED_QUOTA_EXHAUSTED', total: 300, completed: 21, quotaConsumed: 10 });
    await expect(settled(tenant, 10)).resolves.toMatchObject({ quota: { consumed: 10, remaining: 0 } });
    expect(await ledger.usage(tenant, task.id)).toEqual([]);
    expect(await ledger.usage(tenant, mixed.task.id)).toHaveLength(10);
  }, 120_000);

  it('never refuses on pay-as-you-go: every paid evaluation is billed as usage', async () => {
    const tenant = 'scan-payg';
    const activated = await billing.graphql(tenant, 'mutation { activatePayAsYouGo { model } }');
    expect(activated.data!.activatePayAsYouGo).toEqual({ model: 'PAY_AS_YOU_GO' });
    await seedBuckets(subgraph.database, tenant, INSTANCES);
    const { task } = await scan(tenant, { checkItemIds: PAID_OSS_ITEMS });
    expect(task).toMatchObject({ status: 'COMPLETED', total: 750, completed: 750, quotaConsumed: 750 });
    await expect(settled(tenant, 750)).resolves.toMatchObject({ model: 'PAY_AS_YOU_GO', quota: { remaining: null }, payAsYouGoBilled: 750 });
    expect(await ledger.usage(tenant, task.id)).toEqual(await resultPairs(tenant, task.id));
  }, 120_000);

  it('refuses paid items on the Basic edition with EDITION_NOT_ENTITLED, writing nothing, and runs its free items', async () => {
    const tenant = 'scan-basic';
    await seedBuckets(subgraph.database, tenant, 3);
    expect(await account(tenant)).toMatchObject({ edition: 'BASIC', model: 'NONE' });
    const refused = await gql(tenant, START, { input: { checkItemIds: ['oss-bucket-encryption', 'oss-bucket-versioning'] } });
    expect(refused.errors?.[0].extensions?.code).toBe('EDITION_NOT_ENTITLED');
    const whole = await gql(tenant, START, { input: {} });
    expect(whole.errors?.[0].extensions?.code).toBe('EDITION_NOT_ENTITLED');
    const count = await subgraph.database.run(tenant, (m) => m.query('SELECT count(*)::int AS n FROM scan_tasks') as Promise<Array<{ n: number }>>);
    expect(count[0].n).toBe(0);
    const { task } = await scan(tenant, { checkItemIds: ['oss-bucket-encryption'] });
    expect(task).toMatchObject({ status: 'COMPLETED', total: 3, completed: 3, quotaConsumed: 0 });
    expect((await account(tenant)).quota).toMatchObject({ consumed: 0, reserved: 0 });
  }, 60_000);

  it('writes QUEUED to the progress bucket before startScan answers, then RUNNING and one update per batch', async () => {
    const tenant = 'scan-progress';
    await subscribe(tenant, 10_000);
    await seedBuckets(subgraph.database, tenant, INSTANCES);
    const progress = new ProgressRecorder(client, tenant);
    const started = await gql(tenant, START, { input: { checkItemIds: PAID_OSS_ITEMS } });
    const id = started.data!.startScan.id as string;
    expect(await (await ProgressStore.open(client)).get(tenant, id)).toBeDefined();
    await progress.finished(id);
    progress.stop();
    const updates = progress.of(id).map((u) => [u.status, u.completed, u.quotaConsumed]);
    expect(updates).toEqual([
      ['QUEUED', 0, 0],
      ['RUNNING', 0, 0],
      ...[100, 200, 300, 400, 500, 600, 700].map((n) => ['RUNNING', n, n]),
      ['COMPLETED', 750, 750],
    ]);
  }, 120_000);

  it('publishes a change only for results a rescan changed: resolved, regressed, and nothing for the unchanged', async () => {
    const tenant = 'scan-changes';
    await subscribe(tenant, 10_000);
    const [suspended, enabled] = await seedBuckets(subgraph.database, tenant, 3);
    const first = await scan(tenant, { checkItemIds: ['oss-bucket-versioning'] });
    expect(first.task).toMatchObject({ status: 'COMPLETED', completed: 3, failed: 1 });
    const setVersioning = (assetId: string, versioning: string) =>
      subgraph.database.run(tenant, (m) =>
        m.query(`UPDATE asset_replica SET asset = jsonb_set(asset, '{configuration,versioning}', to_jsonb($2::text)) WHERE id = $1`, [assetId, versioning]),
      );
    await setVersioning(suspended, 'Enabled');
    await setVersioning(enabled, 'Suspended');
    const second = await scan(tenant, { checkItemIds: ['oss-bucket-versioning'] });
    expect(second.task).toMatchObject({ status: 'COMPLETED', completed: 3, failed: 1 });
    const events = (await subgraph.database.runUnscoped((m) =>
      m.query(`SELECT payload FROM outbox WHERE tenant_id = $1 AND subject = 'config-checks.result.changed.v1' ORDER BY seq`, [tenant]),
    )) as Array<{ payload: Buffer }>;
    const changes = events.map((row) => fromBinary(ResultChangedSchema, row.payload)).filter((e) => e.taskId === second.task.id);
    expect(changes.map((e) => [e.assetId, ResultChange[e.change], e.previousStatus, e.status]).sort()).toEqual(
      [
        [suspended, 'RESOLVED', 'FAIL', 'PASS'],
        [enabled, 'REGRESSED', 'PASS', 'FAIL'],
      ].sort(),
    );
  }, 60_000);

  it('gives the same task for the same idempotency key', async () => {
    const tenant = 'scan-idem';
    await subscribe(tenant, 10_000);
    await seedBuckets(subgraph.database, tenant, 4);
    const input = { checkItemIds: PAID_OSS_ITEMS, idempotencyKey: 'nightly-2026-11-28' };
    const first = await gql(tenant, START, { input });
    const second = await gql(tenant, START, { input });
    expect(second.data!.startScan.id).toBe(first.data!.startScan.id);
    const task = await waitForTask(tenant, first.data!.startScan.id);
    expect(task.quotaConsumed).toBe(20);
    const third = await gql(tenant, START, { input });
    expect(third.data!.startScan).toMatchObject({ id: task.id, status: 'COMPLETED' });
    await expect(settled(tenant, 20)).resolves.toMatchObject({ quota: { consumed: 20 } });
  }, 60_000);

  it("queues a new task's first batch through the outbox, in the transaction that stores the task", async () => {
    const tenant = 'scan-outbox';
    await subscribe(tenant, 10_000);
    await seedBuckets(subgraph.database, tenant, 2);
    const started = await gql(tenant, START, { input: { checkItemIds: PAID_OSS_ITEMS } });
    const taskId = started.data!.startScan.id as string;
    // A crash right after startScan cannot strand the task: its first batch was committed with it.
    const queued = (await subgraph.database.runUnscoped((m) =>
      m.query(`SELECT payload FROM outbox WHERE tenant_id = $1 AND subject = $2`, [tenant, SCAN_WORK_QUEUE.subject]),
    )) as Array<{ payload: Buffer }>;
    expect(queued.map((row) => JSON.parse(row.payload.toString()))).toEqual([{ tenantId: tenant, taskId, batch: 0 }]);
    await expect(waitForTask(tenant, taskId)).resolves.toMatchObject({ status: 'COMPLETED', completed: 10 });
  }, 60_000);

  it('turns a FAIL into WHITELISTED while a rule covers it, and back when it lapses or is removed; verify re-evaluates', async () => {
    const tenant = 'scan-white';
    await subscribe(tenant, 10_000);
    const [failing] = await seedBuckets(subgraph.database, tenant, 2);
    const started = await gql(tenant, START, { input: { checkItemIds: ['oss-bucket-versioning'] } });
    await waitForTask(tenant, started.data!.startScan.id);
    const statusOf = async () => (await gql(tenant, RESULTS, { filter: { assetId: failing } })).data!.checkResults.edges[0].node;
    const before = await statusOf();
    expect(before.status).toBe('FAIL');
    const added = await gql(tenant, `mutation ($input: AddWhitelistRuleInput!) { addWhitelistRule(input: $input) { id checkItemId assetIds } }`, {
      input: { checkItemId: 'oss-bucket-versioning', assetIds: [failing], reason: 'archive bucket' },
    });
    expect(added.errors).toBeUndefined();
    expect((await statusOf()).status).toBe('WHITELISTED');
    expect((await gql(tenant, RESULTS, { filter: { status: ['WHITELISTED'] } })).data!.checkResults.totalCount).toBe(1);
    await subgraph.database.run(tenant, (m) => m.query(`UPDATE whitelist_rules SET expires_at = now() - interval '1 second'`));
    expect((await statusOf()).status).toBe('FAIL');
    await subgraph.database.run(tenant, (m) => m.query('UPDATE whitelist_rules SET expires_at = NULL'));
    expect((await statusOf()).status).toBe('WHITELISTED');
    const removed = await gql(tenant, `mutation ($id: ID!) { removeWhitelistRule(id: $id) }`, { id: added.data!.addWhitelistRule.id });
    expect(removed.data!.removeWhitelistRule).toBe(true);
    expect((await statusOf()).status).toBe('FAIL');

    const verify = await gql(tenant, `mutation ($ids: [ID!]!) { verifyCheckResults(ids: $ids) { id kind total } }`, { ids: [before.id] });
    expect(verify.data!.verifyCheckResults).toMatchObject({ kind: 'VERIFY', total: 1 });
    const verified = await waitForTask(tenant, verify.data!.verifyCheckResults.id);
    expect(verified).toMatchObject({ status: 'COMPLETED', completed: 1, failed: 1, quotaConsumed: 1 });
    const after = await statusOf();
    expect(after.id).toBe(before.id);
    expect(new Date(after.firstSeenAt).getTime()).toBe(new Date(before.firstSeenAt).getTime());
  }, 60_000);

  it("never shows another tenant's task or results", async () => {
    const owner = 'iso-owner';
    await subscribe(owner, 10_000);
    await seedBuckets(subgraph.database, owner, 2);
    const started = await gql(owner, START, { input: { checkItemIds: ['oss-bucket-versioning'] } });
    await waitForTask(owner, started.data!.startScan.id);
    const other = await gql('iso-other', TASK, { id: started.data!.startScan.id });
    expect(other.data!.scanTask).toBeNull();
    expect((await gql('iso-other', RESULTS, {})).data!.checkResults.totalCount).toBe(0);
    expect((await gql(owner, RESULTS, {})).data!.checkResults.totalCount).toBe(2);
  }, 60_000);

  it('renders results as SARIF and CSV with the CI exit code of the failing severity', async () => {
    const tenant = 'report-tenant';
    await subscribe(tenant, 10_000);
    await seedBuckets(subgraph.database, tenant, 2);
    const started = await gql(tenant, START, { input: { checkItemIds: ['oss-bucket-versioning'] } });
    await waitForTask(tenant, started.data!.startScan.id);
    const REPORT = `query ($format: String!, $failOn: String) { checkResultsReport(format: $format, failOn: $failOn) { format content resultCount exitCode } }`;
    const low = await gql(tenant, REPORT, { format: 'sarif', failOn: 'LOW' });
    expect(low.errors).toBeUndefined();
    expect(low.data!.checkResultsReport).toMatchObject({ resultCount: 2, exitCode: 1 });
    expect(JSON.parse(low.data!.checkResultsReport.content).version).toBe('2.1.0');
    const high = await gql(tenant, REPORT, { format: 'csv', failOn: 'HIGH' });
    expect(high.data!.checkResultsReport.exitCode).toBe(0);
    const bad = await gql(tenant, REPORT, { format: 'xml' });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  }, 60_000);
});
