import { signInternalIdentity, type Permission, type RunningSubgraph } from '@rampart/platform';
import { dropTestDatabase, startPrivateNats, testPlatformConfig, TEST_INTERNAL_SECRET } from '@rampart/testing';
import { CHECK_CATALOGUE } from '../src/checks';
import { assetFixtures } from '../src/checks/testing/asset.fixtures';
import type { ConfigChecksConfig } from '../src/config';
import { startConfigChecksSubgraph } from '../src/config-checks.subgraph';

const TENANT = 'results-summary';
const OTHER_TENANT = 'results-summary-other';
const account = assetFixtures.account();
const payroll = assetFixtures.bucket({ bucketName: 'payroll-exports' });
const logs = assetFixtures.bucket({ bucketName: 'access-logs' });
const web = assetFixtures.ecsInstance({ instanceId: 'i-summary-web' });
const gone = assetFixtures.bucket({ bucketName: 'gone-bucket' });

/** [check item, asset, stored status]: one result per pair, as scans write them. */
const RESULTS: Array<[string, { id: string }, string]> = [
  ['ram-root-mfa', account, 'FAIL'],
  ['oss-bucket-versioning', payroll, 'FAIL'],
  ['oss-bucket-versioning', logs, 'FAIL'],
  ['oss-bucket-logging', payroll, 'FAIL'],
  ['oss-bucket-logging', logs, 'PASS'],
  ['ecs-instance-metadata-tokens', web, 'FAIL'],
  ['ecs-instance-metadata-tokens', account, 'NOT_APPLICABLE'],
  ['oss-bucket-versioning', gone, 'FAIL'],
  ['oss-bucket-logging', gone, 'ERROR'],
];
const item = (id: string) => {
  const found = CHECK_CATALOGUE.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no check item ${id}`);
  return found;
};

const SUMMARY = `{
  checkResultSummary {
    total
    byStatus { status count }
    bySeverity { severity failing }
    byProduct { product failing high }
    byStandard { standard failing high }
  }
}`;
const PAGE = `query ($first: Int, $after: String) {
  checkResults(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { status checkItem { severity product standards { standard } } } }
  }
}`;

interface Node {
  status: string;
  checkItem: { severity: string; product: string; standards: Array<{ standard: string }> };
}

interface Summary {
  total: number;
  byStatus: Array<{ status: string; count: number }>;
  bySeverity: Array<{ severity: string; failing: number }>;
  byProduct: Array<{ product: string; failing: number; high: number }>;
  byStandard: Array<{ standard: string; failing: number; high: number }>;
}
interface Answer {
  data?: {
    checkResultSummary: Summary;
    checkResults: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: Node }> };
  } | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

describe('checkResultSummary', () => {
  let nats: { url: string; stop(): Promise<void> };
  let config: ConfigChecksConfig;
  let subgraph: RunningSubgraph;

  async function seed(tenant: string, results: typeof RESULTS): Promise<void> {
    await subgraph.database.run(tenant, async (m) => {
      for (const asset of [account, payroll, logs, web, gone]) {
        await m.query('INSERT INTO asset_replica (tenant_id, id, account_id, resource_type, version, asset) VALUES ($1, $2, $3, $4, 1, $5)', [
          tenant, asset.id, asset.accountId, asset.resourceType, JSON.stringify(asset),
        ]);
      }
      await m.query('UPDATE asset_replica SET removed = true, asset = NULL, version = 2 WHERE id = $1', [gone.id]);
      for (const [checkItemId, asset, status] of results) {
        await m.query(
          'INSERT INTO check_results (tenant_id, id, check_item_id, asset_id, status, severity, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [tenant, `${checkItemId}|${asset.id}`, checkItemId, asset.id, status, item(checkItemId).severity, status],
        );
      }
    });
  }

  beforeAll(async () => {
    nats = await startPrivateNats();
    config = testPlatformConfig('config-checks', { natsUrl: nats.url });
    subgraph = await startConfigChecksSubgraph(config);
    await seed(TENANT, RESULTS);
    await seed(OTHER_TENANT, RESULTS.slice(0, 2));
    await subgraph.database.run(TENANT, async (m) => {
      await m.query(`INSERT INTO whitelist_rules (tenant_id, id, check_item_id, asset_ids, reason) VALUES ($1, 'wl-payroll', 'oss-bucket-versioning', $2, 'archived')`, [
        TENANT, [payroll.id],
      ]);
      await m.query(`INSERT INTO whitelist_rules (tenant_id, id, check_item_id, asset_ids, reason) VALUES ($1, 'wl-metadata', 'ecs-instance-metadata-tokens', NULL, 'legacy AMI')`, [TENANT]);
      await m.query(
        `INSERT INTO whitelist_rules (tenant_id, id, check_item_id, asset_ids, reason, expires_at) VALUES ($1, 'wl-expired', 'ram-root-mfa', NULL, 'was accepted', now() - interval '1 day')`,
        [TENANT],
      );
    });
  }, 120_000);
  afterAll(async () => {
    await subgraph?.close();
    await dropTestDatabase(config);
    await nats?.stop();
  });

  async function gql(query: string, variables: Record<string, unknown> = {}, tenant = TENANT, permissions: Permission[] = ['read']) {
    const token = await signInternalIdentity({ subject: 'tester', tenantId: tenant, roles: ['viewer'], permissions, via: 'jwt' }, TEST_INTERNAL_SECRET);
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rampart-identity': token },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Answer;
  }

  async function everyResult(tenant: string): Promise<Node[]> {
    const nodes: Node[] = [];
    let after: string | null = null;
    for (;;) {
      const { data, errors } = await gql(PAGE, { first: 2, after }, tenant);
      expect(errors).toBeUndefined();
      nodes.push(...data!.checkResults.edges.map((edge) => edge.node));
      if (!data!.checkResults.pageInfo.hasNextPage) return nodes;
      after = data!.checkResults.pageInfo.endCursor;
    }
  }

  /** The summary as a client would tally it from every `checkResults` page. */
  function tallied(nodes: Node[]) {
    const count = (keep: (node: Node) => boolean) => nodes.filter(keep).length;
    const failing = nodes.filter((node) => node.status === 'FAIL');
    const ranked = <K extends string>(name: K, keys: string[], has: (node: Node, key: string) => boolean) =>
      keys
        .map((key) => ({ [name]: key, failing: count((n) => n.status === 'FAIL' && has(n, key)), high: count((n) => n.status === 'FAIL' && n.checkItem.severity === 'HIGH' && has(n, key)) }))
        .sort((a, b) => b.failing - a.failing || b.high - a.high || String(a[name]).localeCompare(String(b[name])));
    return {
      total: nodes.length,
      byStatus: ['PASS', 'FAIL', 'ERROR', 'NOT_APPLICABLE', 'WHITELISTED'].map((status) => ({ status, count: count((n) => n.status === status) })),
      bySeverity: ['HIGH', 'MEDIUM', 'LOW'].map((severity) => ({ severity, failing: count((n) => n.status === 'FAIL' && n.checkItem.severity === severity) })),
      byProduct: ranked('product', [...new Set(failing.map((n) => n.checkItem.product))], (n, key) => n.checkItem.product === key),
      byStandard: ranked('standard', [...new Set(failing.flatMap((n) => n.checkItem.standards.map((s) => s.standard)))], (n, key) =>
        n.checkItem.standards.some((s) => s.standard === key),
      ),
    };
  }

  it('equals the counts tallied from every checkResults page', async () => {
    const { data, errors } = await gql(SUMMARY);
    expect(errors).toBeUndefined();
    expect(data!.checkResultSummary).toEqual(tallied(await everyResult(TENANT)));
  });

  it('counts results whitelisted for one asset or for all apart from failing ones, ignores expired rules and leaves out removed assets', async () => {
    const { data } = await gql(SUMMARY);
    const summary = data!.checkResultSummary;
    expect(summary.total).toBe(7);
    expect(summary.byStatus).toEqual([
      { status: 'PASS', count: 1 },
      { status: 'FAIL', count: 3 },
      { status: 'ERROR', count: 0 },
      { status: 'NOT_APPLICABLE', count: 0 },
      { status: 'WHITELISTED', count: 3 },
    ]);
    const oss = (['oss-bucket-versioning', 'oss-bucket-logging'] as const).map(item);
    const ossFailing = { failing: 2, high: oss.filter((i) => i.severity === 'HIGH').length };
    expect(summary.byProduct).toContainEqual({ product: 'OSS', ...ossFailing });
    expect(summary.byProduct.map((p) => p.product)).not.toContain('ECS');
    const standard = item('ram-root-mfa').standards[0].standard;
    const failingIn = [['ram-root-mfa', account], ['oss-bucket-versioning', logs], ['oss-bucket-logging', payroll]] as const;
    const mapped = failingIn.filter(([id]) => item(id).standards.some((s) => s.standard === standard));
    expect(summary.byStandard).toContainEqual({ standard, failing: mapped.length, high: mapped.filter(([id]) => item(id).severity === 'HIGH').length });
  });

  it("counts only the caller's tenant", async () => {
    const { data } = await gql(SUMMARY, {}, OTHER_TENANT);
    expect(data!.checkResultSummary.total).toBe(2);
    expect(data!.checkResultSummary.byStatus.find((s) => s.status === 'FAIL')?.count).toBe(2);
    expect(data!.checkResultSummary).toEqual(tallied(await everyResult(OTHER_TENANT)));
    const empty = await gql(SUMMARY, {}, 'results-summary-empty');
    expect(empty.data!.checkResultSummary).toMatchObject({ total: 0, byProduct: [], byStandard: [] });
  });

  it('requires the read permission', async () => {
    const { errors } = await gql(SUMMARY, {}, TENANT, []);
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
