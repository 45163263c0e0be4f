import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { EntitlementsRequestSchema, EntitlementsSchema, PROGRESS_BUCKET, REQUESTS } from '@rampart/contracts';
import type { HostFacts } from '@rampart/host-facts';
import { signInternalIdentity, type Permission, type RunningSubgraph } from '@rampart/platform';
import { dropTestDatabase, testPlatformConfig, TEST_INTERNAL_SECRET, startPrivateNats } from '@rampart/testing';
import { Kvm } from '@nats-io/kv';
import { startBaselineChecksSubgraph } from '../src/baseline-checks.subgraph';
import { BASELINE_CATALOGUE } from '../src/catalogue/baseline-catalogue';
import { hardenedHostFacts } from '../src/catalogue/hardened-host.fixture';
import type { BaselineChecksConfig } from '../src/config';

const REPORT = `mutation ($input: ReportHostFactsInput!) { reportHostFacts(input: $input) { id hostname instanceId os reportedAt scores { standard score } } }`;
const SCAN = `mutation ($input: StartBaselineScanInput) { startBaselineScan(input: $input) { id kind status total checkItemIds } }`;
const TASK = `query ($id: ID!) { baselineScanTask(id: $id) { id kind status total completed failed finishedAt } }`;
const RESULTS = `query ($filter: BaselineResultFilter, $first: Int, $after: String) {
  baselineResults(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id status reason evidence firstSeenAt lastSeenAt checkItem { id category } host { id hostname } } }
  }
}`;

/** A hardened Debian host with two planted weaknesses: root may log in over SSH, alice's password is a dictionary word. */
function weakenedFacts(hostname: string): HostFacts {
  const facts = structuredClone(hardenedHostFacts()) as unknown as Record<string, any>;
  facts.hostname = hostname;
  facts.ssh.value.settings.permitrootlogin = ['yes'];
  facts.weakPasswords.value.accounts[1] = { account: 'alice', weak: true, reason: 'dictionary', algorithm: 'yescrypt', complete: true, candidatesTried: 12 };
  return facts as unknown as HostFacts;
}

/** Billing's answer by tenant prefix (what the seed editions grant); `silent-` tenants get no answer at all. */
function entitlementsOf(tenantId: string) {
  const grant = (edition: string, baselineItems: string) => ({ tenantId, edition, model: 'SUBSCRIPTION', baselineItems, baselineOperations: baselineItems === 'NONE' ? [] : ['DETECT', 'VERIFY', 'FIX'] });
  if (tenantId.startsWith('basic-')) return grant('BASIC', 'NONE');
  if (tenantId.startsWith('adv-')) return grant('ADVANCED', 'WEAK_PASSWORD_ONLY');
  if (tenantId.startsWith('ent-')) return grant('ENTERPRISE', 'ALL_BUT_CONTAINER');
  return grant('ULTIMATE', 'ALL');
}

describe('baseline checks on reported host facts', () => {
  let nats: { url: string; stop(): Promise<void> };
  let billing: NatsConnection;
  let config: BaselineChecksConfig;
  let subgraph: RunningSubgraph;

  beforeAll(async () => {
    nats = await startPrivateNats();
    billing = await connect({ servers: nats.url });
    billing.subscribe(REQUESTS.entitlements, {
      callback: (_error, message) => {
        const { tenantId } = fromBinary(EntitlementsRequestSchema, message.data);
        if (tenantId.startsWith('silent-')) return;
        message.respond(toBinary(EntitlementsSchema, create(EntitlementsSchema, entitlementsOf(tenantId))));
      },
    });
    config = { ...testPlatformConfig('baseline-checks', { natsUrl: nats.url }), entitlementsTimeoutMs: 500 };
    subgraph = await startBaselineChecksSubgraph(config);
  }, 60_000);
  afterAll(async () => {
    await subgraph?.close();
    await billing?.drain();
    await nats?.stop();
    if (config) await dropTestDatabase(config);
  });

  async function gql(tenant: string, query: string, variables: Record<string, unknown> = {}, permissions: Permission[] = ['read', 'scan', 'fix']) {
    const token = await signInternalIdentity({ subject: 'tester', tenantId: tenant, roles: ['admin'], permissions, via: 'jwt' }, TEST_INTERNAL_SECRET);
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rampart-identity': token },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
  }

  async function report(tenant: string, hostname: string, facts: unknown = weakenedFacts(hostname)) {
    const { data, errors } = await gql(tenant, REPORT, { input: { hostname, instanceId: 'i-bp1abc', facts } });
    expect(errors).toBeUndefined();
    return data!.reportHostFacts as { id: string; hostname: string };
  }

  async function scanToEnd(tenant: string, input: Record<string, unknown>) {
    const started = await gql(tenant, SCAN, { input });
    expect(started.errors).toBeUndefined();
    const task = started.data!.startBaselineScan;
    for (let i = 0; i < 200; i++) {
      const { data } = await gql(tenant, TASK, { id: task.id });
      if (data!.baselineScanTask.status !== 'RUNNING') return { ...task, ...data!.baselineScanTask };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('baseline scan did not finish');
  }

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

    const progress = await (await new Kvm(billing).open(PROGRESS_BUCKET)).get(`${tenant}.${task.id}`);
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

  it('never grants when billing does not answer', async () => {
    const tenant = 'silent-tenant';
    await report(tenant, 'web-1');
    const { errors } = await gql(tenant, SCAN, { input: {} });
    expect(errors?.[0]?.message).toMatch(/Billing did not answer/);
    expect((await results(tenant)).totalCount).toBe(0);
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
    const fixed = await gql(tenant, `mutation ($id: ID!) { fixBaselineResult(id: $id) { id kind status total } }`, { id: result!.node.id });
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
});
