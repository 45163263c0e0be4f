import { connect, type NatsConnection } from '@nats-io/transport-node';
import { BatchCompletedSchema, fromBinary } from '@rampart/contracts';
import { ProgressStore } from '@rampart/messaging';
import { signInternalIdentity, type RunningSubgraph } from '@rampart/platform';
import { dropTestDatabase, testPlatformConfig, TEST_INTERNAL_SECRET, startPrivateNats } from '@rampart/testing';
import { assetFixtures } from '../src/checks/testing/asset.fixtures';
import type { ConfigChecksConfig } from '../src/config';
import { startConfigChecksSubgraph } from '../src/config-checks.subgraph';
import { BillingQuotaStub } from './billing-quota.stub';

/** The seed's example: 150 instances (10 × 15) × 5 paid items = 750 paid evaluations. */
const PAID_OSS_ITEMS = ['oss-bucket-block-public-access', 'oss-bucket-ip-restriction', 'oss-bucket-secure-transport', 'oss-bucket-sse-kms', 'oss-bucket-versioning'];
const INSTANCES = 150;

const START = `mutation ($input: StartScanInput!) { startScan(input: $input) { id kind status total completed failed quotaConsumed startedAt finishedAt } }`;
const TASK = `query ($id: ID!) { scanTask(id: $id) { id kind status total completed failed quotaConsumed startedAt finishedAt } }`;
const RESULTS = `query ($filter: CheckResultFilter, $first: Int) {
  checkResults(filter: $filter, first: $first) { totalCount edges { node { id status reason checkItem { id free severity } asset { id } firstSeenAt lastSeenAt } } }
}`;

describe('config-check scans', () => {
  let nats: { url: string; stop(): Promise<void> };
  let config: ConfigChecksConfig;
  let subgraph: RunningSubgraph;
  let client: NatsConnection;
  let billing: BillingQuotaStub;

  beforeAll(async () => {
    nats = await startPrivateNats();
    config = testPlatformConfig('config-checks', { natsUrl: nats.url });
    client = await connect({ servers: nats.url });
    billing = new BillingQuotaStub(client).start();
    subgraph = await startConfigChecksSubgraph(config);
  }, 60_000);
  afterAll(async () => {
    await subgraph?.close();
    billing?.stop();
    await client?.drain();
    await dropTestDatabase(config);
    await nats?.stop();
  });

  async function gql(tenant: string, query: string, variables: Record<string, unknown> = {}) {
    const token = await signInternalIdentity({ subject: 'tester', tenantId: tenant, roles: ['analyst'], permissions: ['read', 'scan'], via: 'jwt' }, TEST_INTERNAL_SECRET);
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rampart-identity': token },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
  }

  async function seedBuckets(tenant: string, count = INSTANCES): Promise<string[]> {
    const assets = Array.from({ length: count }, (_, i) =>
      assetFixtures.bucket({ bucketName: `bucket-${String(i).padStart(3, '0')}`, ...(i === 0 ? { versioning: 'Suspended' } : {}) }),
    );
    await subgraph.database.run(tenant, async (m) => {
      for (const asset of assets) {
        await m.query(
          `INSERT INTO asset_replica (tenant_id, id, account_id, resource_type, version, asset) VALUES ($1, $2, $3, $4, 1, $5)`,
          [tenant, asset.id, asset.accountId, asset.resourceType, JSON.stringify(asset)],
        );
      }
    });
    return assets.map((a) => a.id);
  }

  async function waitForTask(tenant: string, id: string) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { data } = await gql(tenant, TASK, { id });
      const task = data!.scanTask;
      if (!['QUEUED', 'RUNNING'].includes(task.status)) return task;
      if (Date.now() > deadline) throw new Error(`task ${id} still ${task.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const paidLinesPosted = (tenant: string) =>
    subgraph.database.runUnscoped(async (m) => {
      const rows = (await m.query(`SELECT payload FROM outbox WHERE tenant_id = $1 AND subject = 'config-checks.batch.completed.v1'`, [tenant])) as Array<{ payload: Buffer }>;
      return rows.reduce((sum, row) => sum + fromBinary(BatchCompletedSchema, row.payload).paidEvaluations.length, 0);
    });

  it('lists check items with their filter and catalogue fields', async () => {
    const { data, errors } = await gql('cat-tenant', `{ checkItems(filter: { product: "OSS", free: false }) { id title description rationale severity free fixable product resourceType standards { standard controlId } remediation parameters } }`);
    expect(errors).toBeUndefined();
    const ids = data!.checkItems.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining(PAID_OSS_ITEMS));
    expect(data!.checkItems.every((i: { free: boolean; product: string }) => !i.free && i.product === 'OSS')).toBe(true);
  });

  it('reserves and consumes exactly 750 units for 150 instances × 5 paid items, with one result each', async () => {
    const tenant = 'scan-full';
    Object.assign(billing.account(tenant), { configCheckItems: 'ALL', remaining: 10_000 });
    await seedBuckets(tenant);
    const started = await gql(tenant, START, { input: { checkItemIds: PAID_OSS_ITEMS } });
    expect(started.errors).toBeUndefined();
    expect(started.data!.startScan).toMatchObject({ kind: 'SCAN', total: 750 });
    const task = await waitForTask(tenant, started.data!.startScan.id);
    expect(task).toMatchObject({ status: 'COMPLETED', total: 750, completed: 750, quotaConsumed: 750 });
    const failing = await gql(tenant, RESULTS, { filter: { status: ['FAIL'], scanId: task.id }, first: 1 });
    expect(task.failed).toBe(failing.data!.checkResults.totalCount);
    expect(task.finishedAt).not.toBeNull();
    expect(billing.granted.get(tenant)).toBe(750);
    expect(await paidLinesPosted(tenant)).toBe(750);
    const results = await gql(tenant, RESULTS, { filter: { scanId: task.id }, first: 1 });
    expect(results.data!.checkResults.totalCount).toBe(750);
    expect(results.data!.checkResults.edges[0].node.checkItem).toMatchObject({ free: false });
    const changed = await subgraph.database.runUnscoped(
      (m) => m.query(`SELECT count(*)::int AS n FROM outbox WHERE tenant_id = $1 AND subject = 'config-checks.result.changed.v1'`, [tenant]) as Promise<Array<{ n: number }>>,
    );
    expect(changed[0].n).toBe(750);
    const progress = await (await ProgressStore.open(client)).get(tenant, task.id);
    expect(progress).toMatchObject({ status: 'COMPLETED', completed: 750, quotaConsumed: 750 });
  }, 90_000);

  it('stops at the last paid evaluation when a 500-unit subscription runs out', async () => {
    const tenant = 'scan-quota';
    Object.assign(billing.account(tenant), { configCheckItems: 'ALL', remaining: 500 });
    await seedBuckets(tenant);
    const started = await gql(tenant, START, { input: { checkItemIds: PAID_OSS_ITEMS } });
    const task = await waitForTask(tenant, started.data!.startScan.id);
    expect(task).toMatchObject({ status: 'STOPPED_QUOTA_EXHAUSTED', total: 750, completed: 500, quotaConsumed: 500 });
    expect(billing.granted.get(tenant)).toBe(500);
    expect(await paidLinesPosted(tenant)).toBe(500);
    const results = await gql(tenant, RESULTS, { first: 1 });
    expect(results.data!.checkResults.totalCount).toBe(500);
  }, 90_000);

  it('refuses paid items on a free-only edition with EDITION_NOT_ENTITLED and runs free items without quota', async () => {
    const tenant = 'scan-basic';
    await seedBuckets(tenant, 3);
    const refused = await gql(tenant, START, { input: { checkItemIds: ['oss-bucket-versioning'] } });
    expect(refused.errors?.[0].extensions?.code).toBe('EDITION_NOT_ENTITLED');
    const count = await subgraph.database.run(tenant, (m) => m.query('SELECT count(*)::int AS n FROM scan_tasks') as Promise<Array<{ n: number }>>);
    expect(count[0].n).toBe(0);
    const free = await gql(tenant, START, { input: { checkItemIds: ['oss-bucket-encryption'] } });
    expect(free.errors).toBeUndefined();
    const task = await waitForTask(tenant, free.data!.startScan.id);
    expect(task).toMatchObject({ status: 'COMPLETED', total: 3, completed: 3, quotaConsumed: 0 });
    expect(billing.granted.get(tenant) ?? 0).toBe(0);
  }, 60_000);

  it('gives the same task for the same idempotency key', async () => {
    const tenant = 'scan-idem';
    Object.assign(billing.account(tenant), { configCheckItems: 'ALL', remaining: 10_000 });
    await seedBuckets(tenant, 4);
    const input = { checkItemIds: PAID_OSS_ITEMS, idempotencyKey: 'nightly-2026-11-28' };
    const first = await gql(tenant, START, { input });
    const second = await gql(tenant, START, { input });
    expect(second.data!.startScan.id).toBe(first.data!.startScan.id);
    const task = await waitForTask(tenant, first.data!.startScan.id);
    expect(task.quotaConsumed).toBe(20);
    const third = await gql(tenant, START, { input });
    expect(third.data!.startScan).toMatchObject({ id: task.id, status: 'COMPLETED' });
    expect(billing.granted.get(tenant)).toBe(20);
  }, 60_000);

  it('turns a FAIL into WHITELISTED while a rule covers it, and back when it lapses or is removed; verify re-evaluates', async () => {
    const tenant = 'scan-white';
    Object.assign(billing.account(tenant), { configCheckItems: 'ALL', remaining: 10_000 });
    const [failing] = await seedBuckets(tenant, 2);
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
    Object.assign(billing.account(owner), { configCheckItems: 'ALL', remaining: 10_000 });
    await seedBuckets(owner, 2);
    const started = await gql(owner, START, { input: { checkItemIds: ['oss-bucket-versioning'] } });
    await waitForTask(owner, started.data!.startScan.id);
    const other = await gql('iso-other', TASK, { id: started.data!.startScan.id });
    expect(other.data!.scanTask).toBeNull();
    expect((await gql('iso-other', RESULTS, {})).data!.checkResults.totalCount).toBe(0);
    expect((await gql(owner, RESULTS, {})).data!.checkResults.totalCount).toBe(2);
  }, 60_000);

  it('renders results as SARIF and CSV with the CI exit code of the failing severity', async () => {
    const tenant = 'report-tenant';
    Object.assign(billing.account(tenant), { configCheckItems: 'ALL', remaining: 10_000 });
    await seedBuckets(tenant, 2);
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
