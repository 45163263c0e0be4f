import { signInternalIdentity, type RunningSubgraph } from '@rampart/platform';
import { dropTestDatabase, startPrivateNats, testPlatformConfig, TEST_INTERNAL_SECRET } from '@rampart/testing';
import { CHECK_CATALOGUE } from '../src/checks';
import { assetFixtures } from '../src/checks/testing/asset.fixtures';
import type { ConfigChecksConfig } from '../src/config';
import { startConfigChecksSubgraph } from '../src/config-checks.subgraph';

const TENANT = 'results-query';
const OTHER_ACCOUNT = '9999000011112222';
const account = assetFixtures.account();
const payroll = assetFixtures.bucket({ bucketName: 'payroll-exports' });
const web = assetFixtures.ecsInstance({ instanceId: 'i-shanghai-web' }, { accountId: OTHER_ACCOUNT, region: 'cn-shanghai' });
const gone = assetFixtures.bucket({ bucketName: 'gone-bucket' });

/** [check item, asset, status]: one result per pair, as scans write them. */
const RESULTS: Array<[string, { id: string }, string]> = [
  ['ram-root-mfa', account, 'FAIL'],
  ['oss-bucket-versioning', payroll, 'FAIL'],
  ['oss-bucket-logging', payroll, 'PASS'],
  ['ecs-instance-metadata-tokens', web, 'FAIL'],
  ['oss-bucket-versioning', gone, 'FAIL'],
];
const item = (id: string) => {
  const found = CHECK_CATALOGUE.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no check item ${id}`);
  return found;
};

const PAGE = `query ($filter: CheckResultFilter, $first: Int, $after: String) {
  checkResults(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id checkItem { id } asset { id } } }
  }
}`;
const TASKS = `query ($first: Int, $after: String) {
  scanTasks(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id kind status total } } }
}`;

describe('listing check results with filters, and scan tasks', () => {
  let nats: { url: string; stop(): Promise<void> };
  let config: ConfigChecksConfig;
  let subgraph: RunningSubgraph;

  beforeAll(async () => {
    nats = await startPrivateNats();
    config = testPlatformConfig('config-checks', { natsUrl: nats.url });
    subgraph = await startConfigChecksSubgraph(config);
    await subgraph.database.run(TENANT, async (m) => {
      for (const asset of [account, payroll, web, gone]) {
        await m.query('INSERT INTO asset_replica (tenant_id, id, account_id, resource_type, version, asset) VALUES ($1, $2, $3, $4, 1, $5)', [
          TENANT, asset.id, asset.accountId, asset.resourceType, JSON.stringify(asset),
        ]);
      }
      await m.query('UPDATE asset_replica SET removed = true, asset = NULL, version = 2 WHERE id = $1', [gone.id]);
      for (const [checkItemId, asset, status] of RESULTS) {
        await m.query(
          'INSERT INTO check_results (tenant_id, id, check_item_id, asset_id, status, severity, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [TENANT, `${checkItemId}|${asset.id}`, checkItemId, asset.id, status, item(checkItemId).severity, `${status} on ${asset.id}`],
        );
      }
      for (const [id, age] of [['task-old', 3], ['task-mid', 2], ['task-new', 1]] as const) {
        await m.query(
          `INSERT INTO scan_tasks (tenant_id, id, kind, status, plan, batch_size, total, created_at) VALUES ($1, $2, 'SCAN', 'COMPLETED', '[]', 10, $3, now() - make_interval(mins => $3))`,
          [TENANT, id, age],
        );
      }
    });
    await subgraph.database.run('results-query-other', (m) =>
      m.query(`INSERT INTO scan_tasks (tenant_id, id, kind, status, plan, batch_size, total) VALUES ('results-query-other', 'task-elsewhere', 'SCAN', 'QUEUED', '[]', 10, 1)`),
    );
  }, 120_000);
  afterAll(async () => {
    await subgraph?.close();
    await dropTestDatabase(config);
    await nats?.stop();
  });

  async function gql(query: string, variables: Record<string, unknown> = {}, tenant = TENANT) {
    const token = await signInternalIdentity({ subject: 'tester', tenantId: tenant, roles: ['viewer'], permissions: ['read'], via: 'jwt' }, TEST_INTERNAL_SECRET);
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rampart-identity': token },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
  }

  /** The [check item, asset] of every result matching `filter`, and the total the API reports for it. */
  async function matching(filter: Record<string, unknown>): Promise<{ pairs: string[]; total: number }> {
    const { data, errors } = await gql(PAGE, { filter, first: 100 });
    expect(errors).toBeUndefined();
    const pairs = (data!.checkResults.edges as Array<{ node: { checkItem: { id: string }; asset: { id: string } } }>).map((e) => `${e.node.checkItem.id}|${e.node.asset.id}`);
    return { pairs: pairs.sort(), total: data!.checkResults.totalCount };
  }
  const expected = (keep: (checkItemId: string, asset: { id: string }) => boolean) =>
    RESULTS.filter(([checkItemId, asset]) => asset !== gone && keep(checkItemId, asset)).map(([checkItemId, asset]) => `${checkItemId}|${asset.id}`).sort();

  it('serves no result whose asset was removed from the inventory, in pages and in reports', async () => {
    const all = await matching({});
    expect(all).toEqual({ pairs: expected(() => true), total: 4 });
    const report = await gql('{ checkResultsReport(format: "json") { resultCount } }');
    expect(report.data!.checkResultsReport.resultCount).toBe(4);
  });

  it.each([
    ['product', { product: 'OSS' }, (id: string) => item(id).product === 'OSS'],
    ['standard', { standard: item('ram-root-mfa').standards[0].standard }, (id: string) => item(id).standards.some((s) => s.standard === item('ram-root-mfa').standards[0].standard)],
    ['account', { accountId: OTHER_ACCOUNT }, (_id: string, asset: { id: string }) => asset === web],
    ['region', { region: 'cn-hangzhou' }, (_id: string, asset: { id: string }) => asset === payroll],
    ['global region', { region: 'global' }, (_id: string, asset: { id: string }) => asset === account],
    ['search in an asset name, any case', { search: 'PAYROLL' }, (_id: string, asset: { id: string }) => asset === payroll],
    ['search in an asset id', { search: 'i-shanghai' }, (_id: string, asset: { id: string }) => asset === web],
    ['search in a check title', { search: item('ram-root-mfa').title.slice(0, 12) }, (id: string) => item(id).title.startsWith(item('ram-root-mfa').title.slice(0, 12))],
    ['product and status together', { product: 'OSS', status: ['FAIL'] }, (id: string, asset: { id: string }) => id === 'oss-bucket-versioning' && asset === payroll],
  ])('filters by %s server-side, with an exact totalCount', async (_name, filter, keep) => {
    const wanted = expected(keep);
    expect(wanted.length).toBeGreaterThan(0);
    expect(await matching(filter)).toEqual({ pairs: wanted, total: wanted.length });
  });

  it('refuses to verify or fix a result whose asset was removed, as if it did not exist', async () => {
    const token = await signInternalIdentity(
      { subject: 'tester', tenantId: TENANT, roles: ['admin'], permissions: ['read', 'scan', 'fix'], via: 'jwt' }, TEST_INTERNAL_SECRET,
    );
    const post = async (query: string) =>
      (await (await fetch(subgraph.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-rampart-identity': token }, body: JSON.stringify({ query }) })).json()) as {
        errors?: Array<{ extensions?: Record<string, unknown> }>;
      };
    const goneResult = `oss-bucket-versioning|${gone.id}`;
    const verify = await post(`mutation { verifyCheckResults(ids: ["${goneResult}"]) { id } }`);
    expect(verify.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { path: 'ids.0' } });
    const fix = await post(`mutation { fixCheckResult(id: "${goneResult}") { id } }`);
    expect(fix.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('treats LIKE wildcards in a search as text', async () => {
    expect(await matching({ search: '%' })).toEqual({ pairs: [], total: 0 });
  });

  it('pages a filtered list with cursors', async () => {
    const first = await gql(PAGE, { filter: { product: 'OSS' }, first: 1 });
    expect(first.data!.checkResults).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    const second = await gql(PAGE, { filter: { product: 'OSS' }, first: 1, after: first.data!.checkResults.pageInfo.endCursor });
    expect(second.data!.checkResults.pageInfo.hasNextPage).toBe(false);
    expect(second.data!.checkResults.edges[0].node.id).not.toBe(first.data!.checkResults.edges[0].node.id);
  });

  it("lists the tenant's scan tasks newest first, a page at a time", async () => {
    const first = await gql(TASKS, { first: 2 });
    expect(first.errors).toBeUndefined();
    expect(first.data!.scanTasks).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    expect(first.data!.scanTasks.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(['task-new', 'task-mid']);
    const rest = await gql(TASKS, { first: 2, after: first.data!.scanTasks.pageInfo.endCursor });
    expect(rest.data!.scanTasks.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(['task-old']);
    expect(rest.data!.scanTasks.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a malformed task cursor with BAD_USER_INPUT', async () => {
    const { errors } = await gql(TASKS, { after: 'not-a-cursor' });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
