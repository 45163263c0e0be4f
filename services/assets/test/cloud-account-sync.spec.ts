import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signInternalIdentity, type Role, type RunningSubgraph } from '@rampart/platform';
import { dropTestDatabase, testPlatformConfig, TEST_INTERNAL_SECRET } from '@rampart/testing';
import { startAssetsSubgraph } from '../src/assets.subgraph';
import type { AssetsConfig } from '../src/config';
import type { AlibabaSnapshot, SnapshotCall } from '../src/inventory/snapshot.schema';
import { startAlibabaReplayServer, type ReplayServer } from './support/alibaba-replay.server';

const FIXTURE = join(__dirname, 'fixtures', 'recorded-account.snapshot.json');
const fixture = () => JSON.parse(readFileSync(FIXTURE, 'utf8')) as AlibabaSnapshot;
const ACCESS_KEY_ID = 'LTAI5tReplayTest0abcd';
const SECRET = 'replay-test-secret-0123456789';

const ADD = `mutation ($input: AddCloudAccountInput!) {
  addCloudAccount(input: $input) { id name accountId kind accessKeyId createdAt lastSyncAt lastSyncStatus }
}`;
const SYNC = `mutation ($id: ID!, $write: Boolean) {
  syncCloudAccount(id: $id, writeSnapshot: $write) {
    calls failedCalls snapshotPath
    account { id accountId lastSyncAt lastSyncStatus }
    import { status assetsCreated assetsRemoved incomplete }
  }
}`;
const IMPORT = 'mutation ($snapshot: JSON!) { importInventory(snapshot: $snapshot) { assetsCreated } }';
const ASSET_IDS = '{ assets(first: 500) { totalCount edges { node { id resourceType configuration } } } }';

describe('syncing a live Alibaba Cloud account through the SDKs', () => {
  const snapshotDir = mkdtempSync(join(tmpdir(), 'rampart-sync-'));
  const config: AssetsConfig = {
    ...testPlatformConfig('assets'),
    importMaxBytes: 50_000_000,
    importMaxCalls: 100_000,
    credentialsKey: randomBytes(32),
    snapshotDir,
    collectorConcurrency: 4,
    collectorRetryBaseMs: 5,
  };
  let subgraph: RunningSubgraph;
  let replay: ReplayServer | undefined;

  beforeAll(async () => {
    subgraph = await startAssetsSubgraph(config);
  }, 60_000);
  afterEach(async () => {
    await replay?.close();
    replay = undefined;
  });
  afterAll(async () => {
    await subgraph?.close();
    await dropTestDatabase(config);
    rmSync(snapshotDir, { recursive: true, force: true });
  });

  async function replaying(snapshot: AlibabaSnapshot, throttle?: Record<string, number>) {
    replay = await startAlibabaReplayServer(snapshot, { accessKeyId: ACCESS_KEY_ID, accessKeySecret: SECRET, ...(throttle ? { throttle } : {}) });
    config.alibabaEndpointOverride = { '*': replay.url };
    return replay;
  }

  async function gql(tenant: string, query: string, variables: Record<string, unknown> = {}, roles: Role[] = ['admin']) {
    const permissions = roles.includes('admin') ? ['read', 'scan', 'fix', 'billing', 'admin'] : roles.includes('analyst') ? ['read', 'scan'] : ['read'];
    const token = await signInternalIdentity({ subject: 'tester', tenantId: tenant, roles, permissions: permissions as never, via: 'jwt' }, TEST_INTERNAL_SECRET);
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rampart-identity': token },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
  }

  async function addAccount(tenant: string, secret = SECRET, accountId?: string) {
    const added = await gql(tenant, ADD, { input: { name: 'prod', accessKeyId: ACCESS_KEY_ID, accessKeySecret: secret, ...(accountId ? { accountId } : {}) } });
    expect(added.errors).toBeUndefined();
    return added.data!.addCloudAccount as { id: string; accessKeyId: string; kind: string };
  }

  async function assetsOf(tenant: string) {
    const listed = await gql(tenant, ASSET_IDS);
    expect(listed.errors).toBeUndefined();
    return (listed.data!.assets.edges as Array<{ node: { id: string; resourceType: string; configuration: Record<string, unknown> } }>).map((e) => e.node);
  }

  it('imports the same assets as importing the recorded snapshot directly, with signed SDK calls', async () => {
    const server = await replaying(fixture());
    const account = await addAccount('sync-ok');
    expect(account).toMatchObject({ kind: 'ACCESS_KEY', accessKeyId: 'LTAI****abcd' });

    const synced = await gql('sync-ok', SYNC, { id: account.id, write: true }, ['analyst']);
    expect(synced.errors).toBeUndefined();
    const result = synced.data!.syncCloudAccount;
    expect(result.account).toMatchObject({ accountId: '1234567890123456', lastSyncStatus: 'COMPLETED_WITH_GAPS' });
    expect(result.account.lastSyncAt).toBeTruthy();
    // Every request carried a valid signature: the only 4xx answers are the recorded API errors and unrecorded calls.
    expect(server.requests.filter((r) => r.status === 400 && r.action !== 'DescribeInstanceRamRole' && r.action !== 'DescribeDBInstanceTDE')).toEqual([]);

    // The importer given the recorded calls of the actions the connector collects must see the same inventory.
    const written = JSON.parse(readFileSync(result.snapshotPath as string, 'utf8')) as AlibabaSnapshot;
    const collected = new Set(written.calls.map((call) => `${call.product}:${call.action}`));
    const direct = { ...fixture(), calls: fixture().calls.filter((call: SnapshotCall) => collected.has(`${call.product}:${call.action}`)) };
    const imported = await gql('sync-direct', IMPORT, { snapshot: direct }, ['analyst']);
    expect(imported.errors).toBeUndefined();

    const live = (await assetsOf('sync-ok')).map((a) => `${a.resourceType} ${a.id}`).sort();
    const recorded = (await assetsOf('sync-direct')).map((a) => `${a.resourceType} ${a.id}`).sort();
    expect(live.length).toBeGreaterThan(20);
    expect(live).toEqual(recorded);
  }, 60_000);

  it('records SignatureDoesNotMatch for every call when the secret is wrong, and imports nothing but gaps', async () => {
    const server = await replaying(fixture());
    const anonymous = await addAccount('sync-bad', 'not-the-right-secret-000');
    const unknown = await gql('sync-bad', SYNC, { id: anonymous.id });
    expect(unknown.data!.syncCloudAccount).toMatchObject({ import: null, account: { accountId: null, lastSyncStatus: 'FAILED' } });

    const account = await addAccount('sync-bad', 'not-the-right-secret-000', '1234567890123456');
    const synced = await gql('sync-bad', SYNC, { id: account.id, write: true });
    expect(synced.errors).toBeUndefined();
    const result = synced.data!.syncCloudAccount;
    expect(result.failedCalls).toBe(result.calls);
    expect(result.account.lastSyncStatus).toBe('FAILED');
    const written = JSON.parse(readFileSync(result.snapshotPath as string, 'utf8')) as AlibabaSnapshot;
    expect(new Set(written.calls.map((call) => call.error?.code))).toEqual(new Set(['SignatureDoesNotMatch']));
    expect(server.requests.every((r) => r.status === 400)).toBe(true);
    // What is known is only that nothing could be read: the account records every gap, no resource is listed.
    const assets = await assetsOf('sync-bad');
    const account_ = assets.find((a) => a.resourceType === 'ALIYUN::RAM::Account')!;
    const gaps = account_.configuration.inventoryIncomplete as Array<{ error: { code: string } }>;
    expect(gaps.length).toBeGreaterThan(5);
    expect(gaps.every((gap) => gap.error.code === 'SignatureDoesNotMatch')).toBe(true);
    expect(assets.filter((a) => !['ALIYUN::RAM::Account', 'ALIYUN::ThreatDetection::Instance'].includes(a.resourceType))).toEqual([]);
  }, 60_000);

  it('retries throttled calls with backoff and then records their answer', async () => {
    const server = await replaying(fixture(), { DescribeVpcs: 3, GetPasswordPolicy: 2 });
    const account = await addAccount('sync-throttled');
    const synced = await gql('sync-throttled', SYNC, { id: account.id, write: true });
    expect(synced.errors).toBeUndefined();
    const vpcCalls = server.requests.filter((r) => r.action === 'DescribeVpcs' && r.region === 'cn-hangzhou');
    const passwordCalls = server.requests.filter((r) => r.action === 'GetPasswordPolicy');
    expect([...vpcCalls, ...passwordCalls].filter((r) => r.status === 200)).toHaveLength(2);
    expect(vpcCalls.length + passwordCalls.length).toBeGreaterThanOrEqual(7);
    const written = JSON.parse(readFileSync(synced.data!.syncCloudAccount.snapshotPath as string, 'utf8')) as AlibabaSnapshot;
    const recordedVpcs = written.calls.filter((c) => c.action === 'DescribeVpcs' && c.region === 'cn-hangzhou');
    expect(recordedVpcs).toHaveLength(1);
    expect(recordedVpcs[0]!.response).toBeDefined();
    expect((await assetsOf('sync-throttled')).some((a) => a.resourceType === 'ALIYUN::ECS::VPC')).toBe(true);
  }, 60_000);

  it('follows PageNumber pages, recording one call per page', async () => {
    const paged = fixture();
    const first = paged.calls.find((c) => c.action === 'DescribeVpcs')!;
    const firstBody = first.response as { TotalCount: number; Vpcs: { Vpc: Array<Record<string, unknown>> } };
    firstBody.TotalCount = 51;
    const extraVpc = { ...firstBody.Vpcs.Vpc[0], VpcId: 'vpc-bp1secondpage000001', VpcName: 'second-page' };
    paged.calls.push({
      ...first,
      params: { PageNumber: 2, PageSize: 50 },
      response: { RequestId: 'page-2', PageNumber: 2, PageSize: 50, TotalCount: 51, Vpcs: { Vpc: [extraVpc] } },
    });
    await replaying(paged);
    const account = await addAccount('sync-paged');
    const synced = await gql('sync-paged', SYNC, { id: account.id, write: true });
    expect(synced.errors).toBeUndefined();
    const written = JSON.parse(readFileSync(synced.data!.syncCloudAccount.snapshotPath as string, 'utf8')) as AlibabaSnapshot;
    const pages = written.calls.filter((c) => c.action === 'DescribeVpcs' && c.region === 'cn-hangzhou');
    expect(pages.map((c) => c.params.PageNumber)).toEqual([1, 2]);
    expect((await assetsOf('sync-paged')).map((a) => a.id).some((id) => id.includes('vpc-bp1secondpage000001'))).toBe(true);
  }, 60_000);

  it('lets only admins add credentials, never returns them, and stores them encrypted', async () => {
    const denied = await gql('sync-roles', ADD, { input: { name: 'x', accessKeyId: ACCESS_KEY_ID, accessKeySecret: SECRET } }, ['analyst']);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const account = await addAccount('sync-roles');
    const other = await gql('sync-other', SYNC, { id: account.id }, ['analyst']);
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const stored = await subgraph.database.runUnscoped((m) => m.query('SELECT * FROM cloud_accounts WHERE id = $1', [account.id]));
    expect(JSON.stringify(stored)).not.toContain(SECRET);
    expect(JSON.stringify(stored)).not.toContain(ACCESS_KEY_ID);
  }, 60_000);
});
