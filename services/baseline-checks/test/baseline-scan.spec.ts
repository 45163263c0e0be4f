import { jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  AssetChangedSchema, BaselineResultChange, BaselineResultChangedSchema, create, EVENTS, fromBinary, HEADERS, PROGRESS_BUCKET, toBinary,
} from '@rampart/contracts';
import type { HostFacts } from '@rampart/host-facts';
import { signInternalIdentity, type Permission, type RunningSubgraph } from '@rampart/platform';
import { dropTestDatabase, testPlatformConfig, TEST_INTERNAL_SECRET, startPrivateNats } from '@rampart/testing';
import { startBaselineChecksSubgraph } from '../src/baseline-checks.subgraph';
import { BASELINE_CATALOGUE } from '../src/catalogue/baseline-catalogue';
import { startBillingProcess, type BillingProcess } from './billing.process';
import { hardenedHostFacts } from '../src/catalogue/hardened-host.fixture';
import type { BaselineChecksConfig } from '../src/config';

const REPORT = `mutation ($input: ReportHostFactsInput!) { reportHostFacts(input: $input) { id hostname instanceId os reportedAt scores { standard score } } }`;
const SCAN = `mutation ($input: StartBaselineScanInput) { startBaselineScan(input: $input) { id kind status total checkItemIds } }`;
const VERIFY = `mutation ($ids: [ID!]!) { verifyBaselineResults(ids: $ids) { id kind status total checkItemIds } }`;
const FIX = `mutation ($id: ID!) { fixBaselineResult(id: $id) { id kind status total quotaConsumed } }`;
const TASK = `query ($id: ID!) { baselineScanTask(id: $id) { id kind status total completed failed quotaConsumed finishedAt } }`;
const RESULTS = `query ($filter: BaselineResultFilter, $first: Int, $after: String) {
  baselineResults(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id status reason evidence firstSeenAt lastSeenAt checkItem { id category } host { id hostname } } }
  }
}`;
const TERMINAL = new Set(['COMPLETED', 'STOPPED_QUOTA_EXHAUSTED', 'FAILED', 'CANCELLED']);

/** A hardened Debian host with two planted weaknesses: root may log in over SSH, alice's password is a dictionary word. */
function weakenedFacts(hostname: string): HostFacts {
  const facts = structuredClone(hardenedHostFacts()) as unknown as Record<string, any>;
  facts.hostname = hostname;
  facts.ssh.value.settings.permitrootlogin = ['yes'];
  facts.weakPasswords.value.accounts[1] = { account: 'alice', weak: true, reason: 'dictionary', algorithm: 'yescrypt', complete: true, candidatesTried: 12 };
  return facts as unknown as HostFacts;
}

/** The tenant's billing plan, bought through the real billing subgraph (tenants named by plan). */
const PLANS: Record<string, string | null> = {
  basic: null,
  adv: 'mutation { purchaseSubscription(input: { edition: "ADVANCED", months: 1 }) { edition } }',
  ent: 'mutation { purchaseSubscription(input: { edition: "ENTERPRISE", months: 1 }) { edition } }',
  ult: 'mutation { purchaseSubscription(input: { edition: "ULTIMATE", months: 1 }) { edition } }',
  va: 'mutation { purchaseSubscription(input: { edition: "VALUE_ADDED", cspmQuota: 40, months: 1 }) { edition } }',
  payg: 'mutation { activatePayAsYouGo { model } }',
};

describe('baseline checks on reported host facts', () => {
  let nats: { url: string; stop(): Promise<void> };
  let client: NatsConnection;
  let config: BaselineChecksConfig;
  let subgraph: RunningSubgraph;
  let billing: BillingProcess;
  const planned = new Set<string>();

  beforeAll(async () => {
    nats = await startPrivateNats();
    client = await connect({ servers: nats.url });
    billing = await startBillingProcess(nats.url);
    config = { ...testPlatformConfig('baseline-checks', { natsUrl: nats.url }), entitlementsTimeoutMs: 2000 };
    subgraph = await startBaselineChecksSubgraph(config);
  }, 120_000);
  afterAll(async () => {
    await subgraph?.close();
    await billing?.stop();
    await client?.drain();
    await nats?.stop();
    if (config) await dropTestDatabase(config);
  });

  async function post(url: string, tenant: string, query: string, variables: Record<string, unknown>, permissions: Permission[]) {
    const token = await signInternalIdentity({ subject: 'tester', tenantId: tenant, roles: ['admin'], permissions, via: 'jwt' }, TEST_INTERNAL_SECRET);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rampart-identity': token },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
  }

  const billingGql = (tenant: string, query: string) => post(billing.url, tenant, query, {}, ['read', 'billing']);

  async function gql(tenant: string, query: string, variables: Record<string, unknown> = {}, permissions: Permission[] = ['read', 'scan', 'fix']) {
    if (!planned.has(tenant)) {
      planned.add(tenant);
      const plan = PLANS[tenant.split('-')[0]!];
      if (plan === undefined) throw new Error(`tenant ${tenant} names no plan`);
      if (plan !== null) expect((await billingGql(tenant, plan)).errors).toBeUndefined();
    }
    return post(subgraph.url, tenant, query, variables, permissions);
  }

  async function report(tenant: string, hostname: string, facts: unknown = weakenedFacts(hostname), instanceId = 'i-bp1abc') {
    const { data, errors } = await gql(tenant, REPORT, { input: { hostname, instanceId, facts } });
    expect(errors).toBeUndefined();
    return data!.reportHostFacts as { id: string; hostname: string };
  }

  /** The task once its progress in the KV bucket reaches a terminal status. */
  async function settled(tenant: string, taskId: string) {
    const kv = await new Kvm(client).open(PROGRESS_BUCKET);
    const watch = await kv.watch({ key: `${tenant}.${taskId}` });
    for await (const entry of watch) {
      if (entry.value.length > 0 && TERMINAL.has(entry.json<{ status: string }>().status)) break;
    }
    watch.stop();
    return (await gql(tenant, TASK, { id: taskId })).data!.baselineScanTask;
  }

  async function scanToEnd(tenant: string, input: Record<string, unknown>) {
    const started = await gql(tenant, SCAN, { input });
    expect(started.errors).toBeUndefined();
    const task = started.data!.startBaselineScan;
    return { ...task, ...(await settled(tenant, task.id)) };
  }

  const usage = async (tenant: string) =>
    (await billingGql(tenant, '{ usage(first: 500) { totalCount edges { node { operation checkItemId assetId taskId } } } }')).data!.usage as {
      totalCount: number;
      edges: Array<{ node: { operation: string; checkItemId: string; assetId: string; taskId: string } }>;
    };

  const results = async (tenant: string, filter: Record<string, unknown> = {}) =>
    (await gql(tenant, RESULTS, { filter, first: 500 })).data!.baselineResults as { totalCount: number; edges: Array<{ node: any }> };

  it('serves the real catalogue, filtered by standard and category', async () => {
    const all = await gql('ult-items', '{ baselineCheckItems { id standards { standard controlId } } }');
    expect(all.data!.baselineCheckItems).toHaveLength(BASELINE_CATALOGUE.length);
    const weak = await gql('ult-items', '{ baselineCheckItems(filter: { category: "weak-password" }) { id category } }');
    expect(weak.data!.baselineCheckItems.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining(['PWD-01', 'WPD-01']));
    const cis = await gql('ult-items', '{ baselineCheckItems(filter: { standard: "CIS_DEBIAN_12" }) { id standards { standard } } }');
    expect(cis.data!.baselineCheckItems.length).toBeGreaterThan(10);
    expect(cis.data!.baselineCheckItems.every((i: { standards: Array<{ standard: string }> }) => i.standards.some((s) => s.standard === 'CIS_DEBIAN_12'))).toBe(true);
  });

  it('reports facts, scans them and keeps one result per item and host with evidence, progress and scores', async () => {
    const tenant = 'ult-scan';
    const host = await report(tenant, 'web-1');
    const task = await scanToEnd(tenant, { hostIds: [host.id] });
    expect(task).toMatchObject({ kind: 'BASELINE_SCAN', status: 'COMPLETED', total: BASELINE_CATALOGUE.length, completed: BASELINE_CATALOGUE.length });

    const failing = await results(tenant, { status: ['FAIL'] });
    const byItem = new Map(failing.edges.map((e) => [e.node.checkItem.id, e.node]));
    expect(byItem.get('SSH-01')).toMatchObject({ status: 'FAIL', host: { id: host.id, hostname: 'web-1' } });
    expect(JSON.stringify(byItem.get('SSH-01').evidence)).toMatch(/permitrootlogin|PermitRootLogin/i);
    expect(byItem.get('PWD-01').evidence).toEqual([expect.objectContaining({ subject: 'alice' })]);

    const progress = await (await new Kvm(client).open(PROGRESS_BUCKET)).get(`${tenant}.${task.id}`);
    expect(progress!.json()).toMatchObject({ scanId: task.id, kind: 'BASELINE_SCAN', status: 'COMPLETED', completed: BASELINE_CATALOGUE.length });

    const scored = await gql(tenant, `query ($id: ID!) { host(id: $id) { os scores { standard score notApplicable } } }`, { id: host.id });
    const scores = scored.data!.host.scores as Array<{ standard: string; score: number }>;
    expect(scores.map((s) => s.standard)).toEqual(expect.arrayContaining(['CIS_DEBIAN_12', 'MLPS_2_0_L3', 'WEAK_PASSWORD']));
    expect(scores.find((s) => s.standard === 'WEAK_PASSWORD')!.score).toBeLessThan(100);

    // A rescan updates the same rows: same ids, same firstSeenAt, later lastSeenAt.
    const before = byItem.get('SSH-01');
    await scanToEnd(tenant, { hostIds: [host.id], checkItemIds: ['SSH-01'] });
    const again = (await results(tenant, { checkItemId: 'SSH-01' })).edges.map((e) => e.node);
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ id: before.id, firstSeenAt: before.firstSeenAt });
    expect(Date.parse(again[0].lastSeenAt)).toBeGreaterThan(Date.parse(before.lastSeenAt));
  });

  it('pages results with Relay cursors', async () => {
    const tenant = 'ult-page';
    const host = await report(tenant, 'db-1');
    await scanToEnd(tenant, { hostIds: [host.id], checkItemIds: ['SSH-01', 'PWD-01', 'WPD-01'] });
    const first = (await gql(tenant, RESULTS, { first: 2 })).data!.baselineResults;
    expect(first).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const rest = (await gql(tenant, RESULTS, { first: 2, after: first.pageInfo.endCursor })).data!.baselineResults;
    expect(rest.edges).toHaveLength(1);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a Basic tenant with EDITION_NOT_ENTITLED and records nothing', async () => {
    const tenant = 'basic-tenant';
    await report(tenant, 'web-1');
    const { errors } = await gql(tenant, SCAN, { input: {} });
    expect(errors?.[0]?.extensions?.code).toBe('EDITION_NOT_ENTITLED');
    expect((await results(tenant)).totalCount).toBe(0);
  });

  it('runs only the weak-password items for an Advanced tenant', async () => {
    const tenant = 'adv-tenant';
    await report(tenant, 'web-1');
    const task = await scanToEnd(tenant, {});
    const weakIds = BASELINE_CATALOGUE.filter((item) => item.category === 'weak-password').map((item) => item.id);
    expect([...task.checkItemIds].sort()).toEqual([...weakIds].sort());
    const stored = await results(tenant);
    expect(stored.totalCount).toBe(weakIds.length);
    expect(stored.edges.every((e) => e.node.checkItem.category === 'weak-password')).toBe(true);
    expect(stored.edges.find((e) => e.node.checkItem.id === 'PWD-01')!.node.status).toBe('FAIL');

    const refused = await gql(tenant, SCAN, { input: { checkItemIds: ['SSH-01'] } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('EDITION_NOT_ENTITLED');
  });

  it('keeps tenants apart: hosts, results and tasks of another tenant are not found', async () => {
    const host = await report('ult-owner', 'secret-host');
    const task = await scanToEnd('ult-owner', { hostIds: [host.id], checkItemIds: ['SSH-01'] });
    const [owned] = (await results('ult-owner')).edges;

    expect((await gql('ult-other', `query ($id: ID!) { host(id: $id) { id } }`, { id: host.id })).data!.host).toBeNull();
    expect((await gql('ult-other', TASK, { id: task.id })).data!.baselineScanTask).toBeNull();
    expect((await results('ult-other')).totalCount).toBe(0);
    expect((await results('ult-other', { hostId: host.id })).totalCount).toBe(0);
    const scan = await gql('ult-other', SCAN, { input: { hostIds: [host.id] } });
    expect(scan.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const fix = await gql('ult-other', `mutation ($id: ID!) { fixBaselineResult(id: $id) { id } }`, { id: owned!.node.id });
    expect(fix.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('resolves Host, BaselineResult and ScanTask references for the gateway, for their own tenant only', async () => {
    const host = await report('ult-refs', 'ref-host');
    const task = await scanToEnd('ult-refs', { hostIds: [host.id], checkItemIds: ['SSH-01'] });
    const [result] = (await results('ult-refs')).edges;
    const ENTITIES = `query ($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on Host { id hostname } ... on BaselineResult { id status } ... on ScanTask { id kind }
      }
    }`;
    const representations = [
      { __typename: 'Host', id: host.id },
      { __typename: 'BaselineResult', id: result!.node.id },
      { __typename: 'ScanTask', id: task.id },
    ];
    const own = await gql('ult-refs', ENTITIES, { representations });
    expect(own.errors).toBeUndefined();
    expect(own.data!._entities).toEqual([
      { id: host.id, hostname: 'ref-host' },
      { id: result!.node.id, status: result!.node.status },
      { id: task.id, kind: 'BASELINE_SCAN' },
    ]);
    expect((await gql('ult-other', ENTITIES, { representations })).data!._entities).toEqual([null, null, null]);
  });

  it('refuses malformed facts with BAD_USER_INPUT naming the field, and stores nothing', async () => {
    const tenant = 'ult-bad';
    const facts = weakenedFacts('bad-1') as unknown as Record<string, any>;
    facts.ssh = { status: 'collected', value: 'yes' };
    const { errors } = await gql(tenant, REPORT, { input: { hostname: 'bad-1', facts } });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { path: 'input.facts.ssh.value' } });
    const missing = weakenedFacts('bad-1') as unknown as Record<string, any>;
    delete missing.accounts;
    const second = await gql(tenant, REPORT, { input: { hostname: 'bad-1', facts: missing } });
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { path: 'input.facts.accounts' } });
    expect((await gql(tenant, '{ hosts { id } }')).data!.hosts).toEqual([]);
  });

  it('creates policies through the catalogue validator and scans with their parameters', async () => {
    const tenant = 'ult-policy';
    const bad = await gql(tenant, `mutation { createBaselinePolicy(input: { name: "p", checkItemIds: ["SSH-01", "NOPE-1"] }) { id } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { path: 'input.checkItemIds[1]' } });
    const created = await gql(tenant, `mutation { createBaselinePolicy(input: { name: "ssh only", checkItemIds: ["SSH-01", "PWD-01"] }) { id name checkItemIds params } }`);
    expect(created.errors).toBeUndefined();
    const policy = created.data!.createBaselinePolicy;
    expect(policy).toMatchObject({ name: 'ssh only', checkItemIds: ['SSH-01', 'PWD-01'] });
    expect((await gql(tenant, '{ baselinePolicies { id } }')).data!.baselinePolicies).toEqual([{ id: policy.id }]);
    await report(tenant, 'web-1');
    const task = await scanToEnd(tenant, { policyId: policy.id });
    expect(task).toMatchObject({ status: 'COMPLETED', total: 2 });
  });

  it('turns a failing result into a fix task whose script the agent fetches, verified by the next report', async () => {
    const tenant = 'ult-fix';
    const host = await report(tenant, 'web-1');
    await scanToEnd(tenant, { hostIds: [host.id], checkItemIds: ['SSH-01'] });
    const [result] = (await results(tenant, { checkItemId: 'SSH-01' })).edges;
    const fixed = await gql(tenant, FIX, { id: result!.node.id });
    expect(fixed.errors).toBeUndefined();
    expect(fixed.data!.fixBaselineResult).toMatchObject({ kind: 'BASELINE_FIX', status: 'QUEUED', total: 1 });
    const fetched = await gql(tenant, `query ($id: ID!) { baselineRemediation(taskId: $id) { checkItemId hostId script steps shellScript } }`, { id: fixed.data!.fixBaselineResult.id });
    const remediation = fetched.data!.baselineRemediation;
    expect(remediation).toMatchObject({ checkItemId: 'SSH-01', hostId: host.id, script: { format: 'rampart-remediation/v1', itemId: 'SSH-01' } });
    expect(JSON.stringify(remediation.steps)).toMatch(/PermitRootLogin/);
    expect(remediation.shellScript).toMatch(/PermitRootLogin/);
    const viewer = await gql(tenant, `mutation ($id: ID!) { fixBaselineResult(id: $id) { id } }`, { id: result!.node.id }, ['read', 'scan']);
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // The agent applied it and reports again: facts collected after the request verify the fix.
    const taskId = fixed.data!.fixBaselineResult.id;
    await report(tenant, 'web-1');
    expect((await gql(tenant, TASK, { id: taskId })).data!.baselineScanTask.status).toBe('QUEUED');
    const after = weakenedFacts('web-1') as unknown as Record<string, any>;
    after.ssh.value.settings.permitrootlogin = ['no'];
    after.collectedAt = new Date(Date.now() + 1000).toISOString();
    await report(tenant, 'web-1', after);
    expect((await gql(tenant, TASK, { id: taskId })).data!.baselineScanTask).toMatchObject({ status: 'COMPLETED', completed: 1 });
    expect((await results(tenant, { checkItemId: 'SSH-01' })).edges[0]!.node).toMatchObject({ id: result!.node.id, status: 'PASS' });
  });

  /** The result events of a tenant on the BASELINE_CHECKS stream, waiting until `count` have arrived. */
  async function resultEvents(tenant: string, count: number) {
    const consumer = await jetstream(client).consumers.get('BASELINE_CHECKS', { filter_subjects: EVENTS.baselineResultChanged.subject });
    const events = [];
    const messages = await consumer.consume();
    for await (const message of messages as AsyncIterable<JsMsg>) {
      const event = fromBinary(BaselineResultChangedSchema, message.data);
      if (event.tenantId === tenant) events.push(event);
      if (events.length === count) break;
    }
    await messages.close();
    return events;
  }

  function hardened(hostname: string, collectedAt = new Date(Date.now() + 1000)) {
    const facts = weakenedFacts(hostname) as unknown as Record<string, any>;
    facts.ssh.value.settings.permitrootlogin = ['no'];
    facts.collectedAt = collectedAt.toISOString();
    return facts;
  }

  it('publishes baseline-checks.result.changed.v1 through the outbox for new and changed results, and charges an Ultimate tenant nothing', async () => {
    const tenant = 'ult-events';
    const host = await report(tenant, 'web-1');
    const first = await scanToEnd(tenant, { hostIds: [host.id], checkItemIds: ['SSH-01', 'PWD-01'] });
    expect(first).toMatchObject({ status: 'COMPLETED', quotaConsumed: 0 });
    await report(tenant, 'web-1', hardened('web-1'));
    await scanToEnd(tenant, { hostIds: [host.id], checkItemIds: ['SSH-01', 'PWD-01'] });

    const events = await resultEvents(tenant, 3);
    const ssh = (await results(tenant, { checkItemId: 'SSH-01' })).edges[0]!.node;
    const summary = events.map((e) => [e.checkItemId, e.change, e.status, e.previousStatus]);
    expect(summary.slice(0, 2)).toEqual(
      expect.arrayContaining([
        ['PWD-01', BaselineResultChange.NEW, 'FAIL', ''],
        ['SSH-01', BaselineResultChange.NEW, 'FAIL', ''],
      ]),
    );
    // The unchanged PWD-01 result of the rescan publishes nothing.
    expect(summary[2]).toEqual(['SSH-01', BaselineResultChange.RESOLVED, 'PASS', 'FAIL']);
    expect(events[2]).toMatchObject({ resultId: ssh.id, hostId: host.id, instanceId: 'i-bp1abc', severity: 'HIGH' });
    expect(events.find((e) => e.checkItemId === 'PWD-01')!.evidence?.values.length).toBeGreaterThan(0);
    expect((await usage(tenant)).totalCount).toBe(0);
  });

  it('verifies results on their hosts\' latest facts as a BASELINE_VERIFY task, keeping the result ids', async () => {
    const tenant = 'ult-verify';
    const web = await report(tenant, 'web-1');
    const db = await report(tenant, 'db-1');
    await scanToEnd(tenant, { checkItemIds: ['SSH-01', 'PWD-01'] });
    const failing = (await results(tenant, { checkItemId: 'SSH-01' })).edges.map((e) => e.node);
    expect(failing.map((r) => r.status)).toEqual(['FAIL', 'FAIL']);
    await report(tenant, 'web-1', hardened('web-1'));

    const started = await gql(tenant, VERIFY, { ids: failing.map((r) => r.id) });
    expect(started.errors).toBeUndefined();
    expect(started.data!.verifyBaselineResults).toMatchObject({ kind: 'BASELINE_VERIFY', total: 2, checkItemIds: ['SSH-01'] });
    expect(await settled(tenant, started.data!.verifyBaselineResults.id)).toMatchObject({ status: 'COMPLETED', completed: 2, quotaConsumed: 0 });
    const after = new Map((await results(tenant, { checkItemId: 'SSH-01' })).edges.map((e) => [e.node.host.id, e.node]));
    expect(after.get(web.id)).toMatchObject({ id: failing.find((r) => r.host.id === web.id).id, status: 'PASS' });
    expect(after.get(db.id)).toMatchObject({ status: 'FAIL' });
    expect((await results(tenant, { checkItemId: 'PWD-01', hostId: web.id })).edges[0]!.node.status).toBe('FAIL');

    expect((await gql(tenant, VERIFY, { ids: [] })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { path: 'ids' } });
    const twice = await gql(tenant, VERIFY, { ids: [failing[0].id, failing[0].id] });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { path: 'ids[1]' } });
    const unknown = await gql(tenant, VERIFY, { ids: [failing[0].id, '00000000-0000-4000-8000-000000000000'] });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gql(tenant, VERIFY, { ids: [failing[0].id] }, ['read'])).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql('ult-stranger', VERIFY, { ids: [failing[0].id] })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('runs every item but the container ones for an Enterprise tenant', async () => {
    const tenant = 'ent-tenant';
    await report(tenant, 'web-1');
    const task = await scanToEnd(tenant, {});
    const expected = BASELINE_CATALOGUE.filter((item) => !item.containerSpecific).map((item) => item.id);
    expect(BASELINE_CATALOGUE.some((item) => item.containerSpecific)).toBe(true);
    expect([...task.checkItemIds].sort()).toEqual([...expected].sort());
    expect(task).toMatchObject({ status: 'COMPLETED', quotaConsumed: 0 });
    const container = BASELINE_CATALOGUE.find((item) => item.containerSpecific)!;
    expect((await gql(tenant, SCAN, { input: { checkItemIds: [container.id] } })).errors?.[0]?.extensions?.code).toBe('EDITION_NOT_ENTITLED');
  });

  it('meters a CSPM subscription per evaluation and stops at the last paid one when the quota runs out', async () => {
    const tenant = 'va-quota';
    const items = ['SSH-01', ...BASELINE_CATALOGUE.map((item) => item.id).filter((id) => id !== 'SSH-01')].slice(0, 25);
    const web = await report(tenant, 'a-web');
    const db = await report(tenant, 'b-db');
    const task = await scanToEnd(tenant, { checkItemIds: items });
    // 40 units bought: all 25 evaluations of the first host, the first 15 of the second.
    expect(task).toMatchObject({ kind: 'BASELINE_SCAN', status: 'STOPPED_QUOTA_EXHAUSTED', total: 50, completed: 40 });
    const stored = (await results(tenant)).edges.map((e) => e.node);
    expect(stored.filter((r) => r.host.id === web.id)).toHaveLength(25);
    expect(stored.filter((r) => r.host.id === db.id).map((r) => r.checkItem.id).sort()).toEqual(items.slice(0, 15).sort());
    // Every fact of the fixture is collected, so no evaluation ends in ERROR (which would not be charged).
    expect(stored.filter((r) => r.status === 'ERROR')).toEqual([]);
    const charged = await usage(tenant);
    expect(task.quotaConsumed).toBe(40);
    expect(charged.totalCount).toBe(40);
    expect(charged.edges.every((e) => e.node.operation === 'SCAN' && e.node.taskId === task.id && [web.id, db.id].includes(e.node.assetId))).toBe(true);
    const account = (await billingGql(tenant, '{ billingAccount { quota { remaining } } }')).data!.billingAccount;
    expect(account.quota.remaining).toBe(0);

    const ssh = stored.find((r) => r.checkItem.id === 'SSH-01' && r.host.id === web.id)!;
    const fix = await gql(tenant, FIX, { id: ssh.id });
    expect(fix.errors?.[0]?.extensions?.code).toBe('QUOTA_EXHAUSTED');
    const verify = await gql(tenant, VERIFY, { ids: [ssh.id] });
    expect(await settled(tenant, verify.data!.verifyBaselineResults.id)).toMatchObject({ status: 'STOPPED_QUOTA_EXHAUSTED', completed: 0, quotaConsumed: 0 });
  });

  it('on pay-as-you-go charges scans and verifies, and a fix only once the next report verifies it', async () => {
    const tenant = 'payg-fix';
    const host = await report(tenant, 'web-1');
    const scan = await scanToEnd(tenant, { hostIds: [host.id], checkItemIds: ['SSH-01'] });
    expect(scan).toMatchObject({ status: 'COMPLETED', quotaConsumed: 1 });
    const [result] = (await results(tenant, { checkItemId: 'SSH-01' })).edges;
    const verify = await gql(tenant, VERIFY, { ids: [result!.node.id] });
    expect(await settled(tenant, verify.data!.verifyBaselineResults.id)).toMatchObject({ status: 'COMPLETED', quotaConsumed: 1 });

    const fix = await gql(tenant, FIX, { id: result!.node.id });
    expect(fix.errors).toBeUndefined();
    expect(fix.data!.fixBaselineResult).toMatchObject({ kind: 'BASELINE_FIX', status: 'QUEUED', quotaConsumed: 0 });
    expect((await usage(tenant)).edges.map((e) => e.node.operation).sort()).toEqual(['SCAN', 'VERIFY']);
    await report(tenant, 'web-1', hardened('web-1'));
    expect(await settled(tenant, fix.data!.fixBaselineResult.id)).toMatchObject({ status: 'COMPLETED', quotaConsumed: 1 });
    const lines = (await usage(tenant)).edges.map((e) => e.node);
    expect(lines.map((l) => l.operation).sort()).toEqual(['FIX', 'SCAN', 'VERIFY']);
    expect(lines.find((l) => l.operation === 'FIX')).toMatchObject({ checkItemId: 'SSH-01', assetId: host.id, taskId: fix.data!.fixBaselineResult.id });

    // A fix the next report does not confirm fails and costs nothing.
    await scanToEnd(tenant, { hostIds: [host.id], checkItemIds: ['PWD-01'] });
    const [weak] = (await results(tenant, { checkItemId: 'PWD-01' })).edges;
    const failedFix = await gql(tenant, FIX, { id: weak!.node.id });
    expect(failedFix.errors).toBeUndefined();
    await report(tenant, 'web-1', hardened('web-1', new Date(Date.now() + 2000)));
    expect(await settled(tenant, failedFix.data!.fixBaselineResult.id)).toMatchObject({ kind: 'BASELINE_FIX', status: 'FAILED', quotaConsumed: 0 });
    expect((await usage(tenant)).edges.filter((e) => e.node.operation === 'FIX')).toHaveLength(1);
  });

  it('shares a scan between replicas host by host and charges each evaluation exactly once, even when a host is redelivered', async () => {
    const tenant = 'payg-replicas';
    const replica = await startBaselineChecksSubgraph(config);
    try {
      for (const name of ['h-1', 'h-2', 'h-3', 'h-4', 'h-5', 'h-6']) await report(tenant, name);
      const items = ['SSH-01', 'PWD-01', 'WPD-01', 'WPD-02', 'WPD-03'];
      const task = await scanToEnd(tenant, { checkItemIds: items });
      expect(task).toMatchObject({ status: 'COMPLETED', total: 30, completed: 30, quotaConsumed: 30 });
      // A replica that crashed before acking the first host: its message comes again.
      await jetstream(client).publish('baseline-checks-work.host', JSON.stringify({ tenantId: tenant, taskId: task.id, index: 0 }), { msgID: `redelivered-${task.id}` });
      const rescan = await scanToEnd(tenant, { checkItemIds: ['SSH-01'] });
      expect(rescan).toMatchObject({ status: 'COMPLETED', quotaConsumed: 6 });
      // The work queue drops a message once it is acknowledged: empty means the redelivered host was handled too.
      const jsm = await jetstreamManager(client);
      while ((await jsm.streams.info('BASELINE_CHECKS_WORK')).state.messages > 0) await new Promise((resolve) => setImmediate(resolve));
      expect((await gql(tenant, TASK, { id: task.id })).data!.baselineScanTask).toMatchObject({ completed: 30, quotaConsumed: 30 });
      const lines = (await usage(tenant)).edges.map((e) => e.node);
      expect(lines.filter((l) => l.taskId === task.id)).toHaveLength(30);
      expect(new Set(lines.filter((l) => l.taskId === task.id).map((l) => `${l.checkItemId}/${l.assetId}`)).size).toBe(30);
    } finally {
      await replica.close();
    }
  });

  it('links a host to the ECS instance asset whose resource id the agent reported', async () => {
    const tenant = 'ult-asset';
    const host = await report(tenant, 'web-1', weakenedFacts('web-1'), 'i-bp1linked');
    const HOST = `query ($id: ID!) { host(id: $id) { instanceId asset { id } } }`;
    expect((await gql(tenant, HOST, { id: host.id })).data!.host).toEqual({ instanceId: 'i-bp1linked', asset: null });

    // What the assets service publishes when an import lists the instance.
    const assetId = 'acs:ecs:cn-hangzhou:1234567890123456:instance/i-bp1linked';
    const event = create(AssetChangedSchema, {
      tenantId: tenant,
      version: 1n,
      asset: { id: assetId, provider: 'ALIBABA_CLOUD', accountId: '1234567890123456', region: 'cn-hangzhou', product: 'ECS', resourceType: 'ALIYUN::ECS::Instance', resourceId: 'i-bp1linked', name: 'web-1' },
    });
    const eventHeaders = natsHeaders();
    eventHeaders.set(HEADERS.tenant, tenant);
    eventHeaders.set(HEADERS.eventType, EVENTS.assetChanged.subject);
    const ack = await jetstream(client).publish(EVENTS.assetChanged.subject, toBinary(AssetChangedSchema, event), { headers: eventHeaders });
    // The replica consumer acknowledges the event once it committed it.
    const jsm = await jetstreamManager(client);
    while ((await jsm.consumers.info('ASSETS', 'baseline-checks-assets')).ack_floor.stream_seq < ack.seq) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await gql(tenant, HOST, { id: host.id })).data!.host).toEqual({ instanceId: 'i-bp1linked', asset: { id: assetId } });
    expect((await gql('ult-asset-other', HOST, { id: host.id })).data!.host).toBeNull();
  });

  it('keeps the tenant\'s custom dictionary words for its agents, validated and apart from other tenants', async () => {
    const tenant = 'ult-words';
    const SET = `mutation ($words: [String!]!) { setWeakPasswordWords(words: $words) }`;
    expect((await gql(tenant, '{ weakPasswordWords }')).data!.weakPasswordWords).toEqual([]);
    expect((await gql(tenant, SET, { words: ['Acme2026', 'rampart!', 'Acme2026'] })).data!.setWeakPasswordWords).toEqual(['Acme2026', 'rampart!']);
    expect((await gql(tenant, '{ weakPasswordWords }')).data!.weakPasswordWords).toEqual(['Acme2026', 'rampart!']);

    const bad = await gql(tenant, SET, { words: ['ok', 'two\nlines'] });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { path: 'words[1]' } });
    expect((await gql(tenant, '{ weakPasswordWords }')).data!.weakPasswordWords).toEqual(['Acme2026', 'rampart!']);
    expect((await gql(tenant, '{ weakPasswordWords }', {}, ['read'])).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql('ult-words-other', '{ weakPasswordWords }')).data!.weakPasswordWords).toEqual([]);
  });

  it('never grants when billing does not answer', async () => {
    const tenant = 'ult-last';
    await report(tenant, 'web-1');
    await billing.stop();
    const { errors } = await gql(tenant, SCAN, { input: {} });
    expect(errors?.[0]).toMatchObject({ message: expect.stringMatching(/Billing did not answer/), extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect((await results(tenant)).totalCount).toBe(0);
  });
});
