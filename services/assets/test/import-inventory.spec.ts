import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fromBinary } from '@bufbuild/protobuf';
import { AssetChangedSchema } from '@rampart/contracts';
import { signInternalIdentity, type RunningSubgraph } from '@rampart/platform';
import { dropTestDatabase, testPlatformConfig, TEST_INTERNAL_SECRET } from '@rampart/testing';
import { startAssetsSubgraph } from '../src/assets.subgraph';
import type { AssetsConfig } from '../src/config';

const FIXTURE = join(__dirname, 'fixtures', 'recorded-account.snapshot.json');
const snapshot = () => JSON.parse(readFileSync(FIXTURE, 'utf8')) as { accountId: string; calls: Array<Record<string, unknown>> };

const IMPORT = `mutation ($snapshot: JSON!) {
  importInventory(snapshot: $snapshot) { id status accountId assetsCreated assetsUpdated assetsRemoved assetsUnchanged unknownActions incomplete }
}`;

describe('importing an inventory snapshot', () => {
  const config: AssetsConfig = { ...testPlatformConfig('assets'), importMaxBytes: 50_000_000, importMaxCalls: 100_000 };
  let subgraph: RunningSubgraph;

  beforeAll(async () => {
    subgraph = await startAssetsSubgraph(config);
  }, 60_000);
  afterAll(async () => {
    await subgraph?.close();
    await dropTestDatabase(config);
  });

  async function gql(tenant: string, query: string, variables: Record<string, unknown> = {}, roles: Array<'viewer' | 'analyst'> = ['analyst']) {
    const token = await signInternalIdentity(
      { subject: 'tester', tenantId: tenant, roles, permissions: roles.includes('analyst') ? ['read', 'scan'] : ['read'], via: 'jwt' },
      TEST_INTERNAL_SECRET,
    );
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rampart-identity': token },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
  }

  const outboxCount = (tenant: string) =>
    subgraph.database.runUnscoped(async (m) => {
      const rows = (await m.query('SELECT subject, count(*)::int AS n FROM outbox WHERE tenant_id = $1 GROUP BY subject ORDER BY subject', [tenant])) as Array<{ subject: string; n: number }>;
      return Object.fromEntries(rows.map((r) => [r.subject, r.n]));
    });

  it('creates the normalised assets and one changed event each, reporting gaps and unknown actions', async () => {
    const tenant = 'imp-first';
    const { data, errors } = await gql(tenant, IMPORT, { snapshot: snapshot() });
    expect(errors).toBeUndefined();
    const result = data!.importInventory;
    expect(result).toMatchObject({ accountId: '1234567890123456', status: 'COMPLETED_WITH_GAPS', assetsUpdated: 0, assetsRemoved: 0, assetsUnchanged: 0 });
    expect(result.assetsCreated).toBeGreaterThan(20);
    expect(result.unknownActions.length).toBeGreaterThanOrEqual(1);
    expect(result.incomplete[0]).toMatchObject({ source: 'Ecs:DescribeInstances', error: { code: 'Forbidden.RAM' } });
    const listed = await gql(tenant, '{ assets(first: 500) { totalCount } }');
    expect(listed.data!.assets.totalCount).toBe(result.assetsCreated);
    expect(await outboxCount(tenant)).toEqual({ 'assets.asset.changed.v1': result.assetsCreated });
  });

  it('changes and emits nothing when the same snapshot is imported again', async () => {
    const tenant = 'imp-again';
    const first = await gql(tenant, IMPORT, { snapshot: snapshot() });
    const before = await outboxCount(tenant);
    const second = await gql(tenant, IMPORT, { snapshot: snapshot() });
    expect(second.data!.importInventory).toMatchObject({ assetsCreated: 0, assetsUpdated: 0, assetsRemoved: 0, assetsUnchanged: first.data!.importInventory.assetsCreated });
    expect(await outboxCount(tenant)).toEqual(before);
  });

  it('emits a removed event for an asset the account no longer lists', async () => {
    const tenant = 'imp-removed';
    const full = snapshot();
    await gql(tenant, IMPORT, { snapshot: full });
    const fewer = snapshot();
    const kms = fewer.calls.findIndex((c) => c.product === 'Kms' && c.action === 'ListKeys');
    expect(kms).toBeGreaterThanOrEqual(0);
    (fewer.calls[kms] as { response: unknown }).response = { Keys: { Key: [] }, TotalCount: 0, PageNumber: 1, PageSize: 10 };
    const { data } = await gql(tenant, IMPORT, { snapshot: fewer });
    expect(data!.importInventory.assetsRemoved).toBeGreaterThanOrEqual(1);
    expect((await outboxCount(tenant))['assets.asset.removed.v1']).toBe(data!.importInventory.assetsRemoved);
  });

  it('emits a changed asset once, with its new version and configuration', async () => {
    const tenant = 'imp-changed';
    await gql(tenant, IMPORT, { snapshot: snapshot() });
    const renamed = snapshot();
    const vpcs = renamed.calls.find((c) => c.product === 'Vpc' && c.action === 'DescribeVpcs') as { response: { Vpcs: { Vpc: Array<{ VpcName: string }> } } };
    vpcs.response.Vpcs.Vpc[0].VpcName = 'prod-renamed';
    const { data } = await gql(tenant, IMPORT, { snapshot: renamed });
    expect(data!.importInventory).toMatchObject({ assetsCreated: 0, assetsUpdated: 1, assetsRemoved: 0 });
    const payloads = (await subgraph.database.runUnscoped((m) =>
      m.query("SELECT payload FROM outbox WHERE tenant_id = $1 AND subject = 'assets.asset.changed.v1' ORDER BY seq", [tenant]),
    )) as Array<{ payload: Buffer }>;
    const changed = fromBinary(AssetChangedSchema, payloads[payloads.length - 1].payload);
    expect(changed.version).toBe(2n);
    expect(changed.asset).toMatchObject({ resourceType: 'ALIYUN::ECS::VPC', name: 'prod-renamed' });
    expect(payloads.filter((p) => fromBinary(AssetChangedSchema, p.payload).asset?.id === changed.asset?.id)).toHaveLength(2);
  });

  it('keeps totalCount exact per filter through creates and removals', async () => {
    const tenant = 'imp-counts';
    const filters = [
      {}, { product: 'KMS' }, { product: 'ECS' }, { region: 'cn-hangzhou' }, { internetExposed: true }, { product: 'ECS', region: 'cn-hangzhou' },
      { search: 'PROD' }, { search: 'vpc-bp1prod7' },
    ];
    const counted = async () =>
      Promise.all(
        filters.map(async (filter) => {
          const { data } = await gql(tenant, 'query ($f: AssetFilter) { assets(filter: $f, first: 500) { totalCount edges { node { id } } } }', { f: filter });
          return { total: data!.assets.totalCount as number, listed: (data!.assets.edges as unknown[]).length };
        }),
      );
    await gql(tenant, IMPORT, { snapshot: snapshot() });
    const before = await counted();
    for (const { total, listed } of before) expect(total).toBe(listed);
    expect(before[1].total).toBeGreaterThan(0);
    expect(before[6].total).toBeGreaterThan(0);
    expect(before[7].total).toBeGreaterThan(0);
    const fewer = snapshot();
    const kms = fewer.calls.findIndex((c) => c.product === 'Kms' && c.action === 'ListKeys');
    (fewer.calls[kms] as { response: unknown }).response = { Keys: { Key: [] }, TotalCount: 0, PageNumber: 1, PageSize: 10 };
    await gql(tenant, IMPORT, { snapshot: fewer });
    const after = await counted();
    for (const { total, listed } of after) expect(total).toBe(listed);
    expect(after[1].total).toBe(0);
    expect(after[0].total).toBe(before[0].total - before[1].total);
  });

  it('refuses a malformed snapshot with BAD_USER_INPUT naming the first bad call, writing nothing', async () => {
    const tenant = 'imp-bad';
    const bad = snapshot();
    delete bad.calls[7].action;
    const { data, errors } = await gql(tenant, IMPORT, { snapshot: bad });
    expect(data ?? null).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { path: 'snapshot.calls[7].action' } });
    const listed = await gql(tenant, '{ assets { totalCount } }');
    expect(listed.data!.assets.totalCount).toBe(0);
    expect(await outboxCount(tenant)).toEqual({});
  });

  it('refuses a snapshot of the wrong format', async () => {
    const { errors } = await gql('imp-format', IMPORT, { snapshot: { ...snapshot(), format: 'aws' } });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { path: 'snapshot.format' } });
  });

  it('does not let a viewer import', async () => {
    const { errors } = await gql('imp-viewer', IMPORT, { snapshot: snapshot() }, ['viewer']);
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  async function upload(tenant: string, body: string, roles: Array<'viewer' | 'analyst'> = ['analyst']) {
    const token = await signInternalIdentity(
      { subject: 'tester', tenantId: tenant, roles, permissions: roles.includes('analyst') ? ['read', 'scan'] : ['read'], via: 'jwt' },
      TEST_INTERNAL_SECRET,
    );
    async function* pieces() {
      const bytes = Buffer.from(body);
      for (let at = 0; at < bytes.length; at += 4096) yield bytes.subarray(at, at + 4096);
    }
    const response = await fetch(new URL('/imports/inventory', subgraph.url), {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-rampart-identity': token },
      body: Readable.toWeb(Readable.from(pieces())) as ReadableStream<Uint8Array>,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    const answer = (await response.json()) as { data?: { importInventory: Record<string, unknown> }; errors?: Array<{ extensions?: Record<string, unknown> }> };
    return { status: response.status, ...answer };
  }

  it('imports a snapshot uploaded as a stream, like importInventory', async () => {
    const tenant = 'imp-upload';
    const viaGraphql = await gql('imp-upload-ref', IMPORT, { snapshot: snapshot() });
    const uploaded = await upload(tenant, readFileSync(FIXTURE, 'utf8'));
    expect(uploaded.status).toBe(200);
    const { id: _a, createdAt: _b, ...counts } = uploaded.data!.importInventory;
    expect(counts).toMatchObject({
      accountId: '1234567890123456', status: 'COMPLETED_WITH_GAPS', assetsCreated: viaGraphql.data!.importInventory.assetsCreated, assetsUnchanged: 0,
    });
    expect(await outboxCount(tenant)).toEqual({ 'assets.asset.changed.v1': viaGraphql.data!.importInventory.assetsCreated });
    const again = await upload(tenant, readFileSync(FIXTURE, 'utf8'));
    expect(again.data!.importInventory).toMatchObject({ assetsCreated: 0, assetsUpdated: 0, assetsRemoved: 0 });
  });

  it('refuses an uploaded snapshot with a malformed call by its index, writing nothing', async () => {
    const tenant = 'imp-upload-bad';
    const text = JSON.stringify(snapshot(), null, 1);
    const call = text.indexOf('"product"', text.indexOf('"calls"'));
    const fifth = [0, 1, 2, 3, 4].reduce((at) => text.indexOf('"product"', at + 1), call);
    const broken = `${text.slice(0, fifth)}"product" "Ecs", ${text.slice(fifth)}`;
    const refused = await upload(tenant, broken);
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { path: 'snapshot.calls[5]' } });
    expect((await gql(tenant, '{ assets { totalCount } }')).data!.assets.totalCount).toBe(0);
    expect(await outboxCount(tenant)).toEqual({});
  });

  it('refuses an upload without an identity or the scan permission', async () => {
    const anonymous = await fetch(new URL('/imports/inventory', subgraph.url), { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: '{}' });
    expect(anonymous.status).toBe(401);
    const viewer = await upload('imp-upload-viewer', readFileSync(FIXTURE, 'utf8'), ['viewer']);
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await outboxCount('imp-upload-viewer')).toEqual({});
  });

  it("keeps one tenant's inventory invisible to another", async () => {
    await gql('imp-tenant-a', IMPORT, { snapshot: snapshot() });
    const other = await gql('imp-tenant-b', '{ assets { totalCount } }');
    expect(other.data!.assets.totalCount).toBe(0);
    const some = await gql('imp-tenant-a', '{ assets(first: 1) { edges { node { id } } } }');
    const id = some.data!.assets.edges[0].node.id;
    const stolen = await gql('imp-tenant-b', 'query ($id: ID!) { asset(id: $id) { id } }', { id });
    expect(stolen.data).toEqual({ asset: null });
  });
});
