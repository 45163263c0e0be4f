import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { REQUESTS, type RemediationReply, type RemediationRequest } from '@rampart/contracts';
import { signInternalIdentity, type RunningSubgraph } from '@rampart/platform';
import { dropTestDatabase, startPrivateNats, testPlatformConfig, TEST_INTERNAL_SECRET } from '@rampart/testing';
import { startAssetsSubgraph } from '../src/assets.subgraph';
import type { AssetsConfig } from '../src/config';
import type { AlibabaSnapshot } from '../src/inventory/snapshot.schema';
import { startAlibabaReplayServer, type ReplayServer } from './support/alibaba-replay.server';
import { expectedOssSignature } from './support/oss-signature';

const FIXTURE = join(__dirname, 'fixtures', 'recorded-account.snapshot.json');
const recorded = () => JSON.parse(readFileSync(FIXTURE, 'utf8')) as AlibabaSnapshot;
const ACCESS_KEY_ID = 'LTAI5tRemediation0abcd';
const SECRET = 'remediation-secret-0123456789';
const ACCOUNT = '1234567890123456';
const DB = 'rm-bp1analytics1q2w3e';
const DB_ASSET = `acs:rds:cn-hangzhou:${ACCOUNT}:dbinstance/${DB}`;
const VPC_ASSET = `acs:vpc:cn-hangzhou:${ACCOUNT}:vpc/vpc-bp1prod7k2hx0q3w5e8r`;
const BUCKET = 'rampart-public-assets';
const BUCKET_ASSET = `acs:oss::${ACCOUNT}:bucket/${BUCKET}`;

const sslCall = (enabled: 0 | 1) => ({
  product: 'Rds', action: 'ModifyDBInstanceSSL', region: 'cn-hangzhou',
  params: { DBInstanceId: DB, ConnectionString: 'pgm-bp1analytics1q2w3e.pg.rds.aliyuncs.com', SSLEnabled: enabled },
});
const sslCapture = { call: { product: 'Rds', action: 'DescribeDBInstanceSSL', region: 'cn-hangzhou', params: { DBInstanceId: DB } }, fields: ['ssl'] };

describe('the live-account connector answering assets.remediation.execute', () => {
  let nats: { url: string; stop(): Promise<void> };
  let client: NatsConnection;
  let replay: ReplayServer;
  let config: AssetsConfig;
  let subgraph: RunningSubgraph;
  /** Whether the database's SSL is on, as the replayed account answers after the writes. */
  let sslOn = false;

  beforeAll(async () => {
    nats = await startPrivateNats();
    const sslRead = recorded().calls.find((c) => c.action === 'DescribeDBInstanceSSL' && c.params.DBInstanceId === DB)!;
    replay = await startAlibabaReplayServer(recorded(), {
      accessKeyId: ACCESS_KEY_ID,
      accessKeySecret: SECRET,
      writes: (request) => {
        if (request.action === 'DescribeDBInstanceSSL' && request.params.DBInstanceId === DB && sslOn) {
          return { response: { ...(sslRead.response as object), SSLEnabled: 'Yes', SSLExpireTime: '2027-11-28T00:00:00Z' } };
        }
        if (request.action === 'ModifyDBInstanceSSL') {
          sslOn = request.params.SSLEnabled === '1';
          return { response: { RequestId: 'replay-ssl' } };
        }
        if (request.action === 'CreateFlowLog') return { response: { RequestId: 'replay-create', FlowLogId: 'fl-bp1created' } };
        if (request.action === 'DeleteFlowLog') return { response: { RequestId: 'replay-delete' } };
        if (request.action === 'ModifySecurityIps') return { error: { code: 'OperationDenied.DBInstanceStatus', message: 'The instance is locked.' } };
        if (request.action === 'PutBucketAcl' || request.action === 'PutBucketPublicAccessBlock') return { response: '' };
        if (request.action === 'PutBucketPolicy') return { error: { code: 'AccessDenied', message: 'You have no right to access this bucket.' } };
        return undefined;
      },
    });
    config = {
      ...testPlatformConfig('assets', { natsUrl: nats.url }),
      importMaxBytes: 50_000_000,
      importMaxCalls: 100_000,
      credentialsKey: randomBytes(32),
      alibabaEndpointOverride: { '*': replay.url },
      collectorConcurrency: 4,
      collectorRetryBaseMs: 5,
    };
    subgraph = await startAssetsSubgraph(config);
    client = await connect({ servers: nats.url });
  }, 60_000);
  afterAll(async () => {
    await client?.drain();
    await subgraph?.close();
    await replay?.close();
    await dropTestDatabase(config);
    await nats?.stop();
  });

  async function gql(tenant: string, query: string, variables: Record<string, unknown> = {}) {
    const token = await signInternalIdentity(
      { subject: 'tester', tenantId: tenant, roles: ['admin'], permissions: ['read', 'scan', 'fix', 'billing', 'admin'], via: 'jwt' },
      TEST_INTERNAL_SECRET,
    );
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rampart-identity': token },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, { [key: string]: unknown }> | null; errors?: unknown[] };
  }

  async function tenantWith(tenant: string, live: boolean): Promise<void> {
    expect((await gql(tenant, 'mutation ($s: JSON!) { importInventory(snapshot: $s) { assetsCreated } }', { s: recorded() })).errors).toBeUndefined();
    if (!live) return;
    const added = await gql(tenant, 'mutation ($i: AddCloudAccountInput!) { addCloudAccount(input: $i) { id } }', {
      i: { name: 'prod', accessKeyId: ACCESS_KEY_ID, accessKeySecret: SECRET, accountId: ACCOUNT },
    });
    expect(added.errors).toBeUndefined();
  }

  async function execute(request: Partial<RemediationRequest> | string): Promise<RemediationReply> {
    const body = typeof request === 'string' ? request : JSON.stringify({ capture: [], writes: [], rollback: [], ...request });
    return (await client.request(REQUESTS.remediationExecute, body, { timeout: 60_000 })).json<RemediationReply>();
  }

  const writesSince = (mark: number) => replay.requests.slice(mark).filter((r) => !/^(Describe|Get|List)/.test(r.action)).map((r) => `${r.action} ${JSON.stringify(r.params)} ${r.status}`);

  it('runs a fix once per request id, re-reads the asset into the inventory, and undoes it on ROLLBACK', async () => {
    const tenant = 'remediate-once';
    await tenantWith(tenant, true);
    const captured = await execute({ id: 'task-1:capture', tenantId: tenant, assetId: DB_ASSET, mode: 'CAPTURE', capture: [sslCapture], writes: [sslCall(1)] });
    expect(captured).toMatchObject({ outcome: 'CAPTURED', asset: { id: DB_ASSET, configuration: { ssl: { enabled: false } } } });
    expect(captured.executed).toEqual([expect.objectContaining({ phase: 'CAPTURE', call: sslCapture.call, response: expect.objectContaining({ SSLEnabled: 'No' }) })]);

    const mark = replay.requests.length;
    const fix: Partial<RemediationRequest> = { id: 'task-1:fix', tenantId: tenant, assetId: DB_ASSET, mode: 'FIX', capture: [sslCapture], writes: [sslCall(1)], rollback: [sslCall(0)] };
    const applied = await execute(fix);
    expect(applied).toMatchObject({ outcome: 'APPLIED', version: 2, asset: { configuration: { ssl: { enabled: true } } } });
    expect(applied.executed.map((e) => e.phase)).toEqual(['WRITE', 'CAPTURE']);
    // A redelivered request gets the first answer and writes nothing again.
    expect(await execute(fix)).toEqual(applied);
    expect(writesSince(mark)).toEqual([`ModifyDBInstanceSSL ${JSON.stringify({ DBInstanceId: DB, ConnectionString: 'pgm-bp1analytics1q2w3e.pg.rds.aliyuncs.com', SSLEnabled: '1' })} 200`]);
    const stored = await gql(tenant, 'query ($id: ID!) { asset(id: $id) { configuration } }', { id: DB_ASSET });
    expect(stored.data!.asset).toMatchObject({ configuration: { ssl: { enabled: true } } });
    const [changed] = (await subgraph.database.runUnscoped((m) =>
      m.query(`SELECT count(*)::int AS n FROM outbox WHERE tenant_id = $1 AND subject = 'assets.asset.changed.v1'`, [tenant]),
    )) as Array<{ n: number }>;
    expect(changed!.n).toBeGreaterThan(0);

    const undoMark = replay.requests.length;
    const undone = await execute({ id: 'task-2:rollback', tenantId: tenant, assetId: DB_ASSET, mode: 'ROLLBACK', capture: [sslCapture], writes: [sslCall(0)] });
    expect(undone).toMatchObject({ outcome: 'APPLIED', version: 3, asset: { configuration: { ssl: { enabled: false } } } });
    expect(writesSince(undoMark)).toEqual([`ModifyDBInstanceSSL ${JSON.stringify({ DBInstanceId: DB, ConnectionString: 'pgm-bp1analytics1q2w3e.pg.rds.aliyuncs.com', SSLEnabled: '0' })} 200`]);
  }, 120_000);

  it('stops at the first failing write and undoes the writes before it, last first', async () => {
    const tenant = 'remediate-partial';
    await tenantWith(tenant, true);
    const whitelist = (group: string, ips: string) => ({
      product: 'Rds', action: 'ModifySecurityIps', region: 'cn-hangzhou', params: { DBInstanceId: DB, DBInstanceIPArrayName: group, SecurityIps: ips, ModifyMode: 'Cover' },
    });
    const mark = replay.requests.length;
    const reply = await execute({
      id: 'task-3:fix', tenantId: tenant, assetId: DB_ASSET, mode: 'FIX',
      writes: [sslCall(1), whitelist('default', '172.16.0.0/12'), sslCall(1)],
      rollback: [sslCall(0), whitelist('default', '172.16.0.0/12,0.0.0.0/0'), sslCall(0)],
    });
    expect(reply).toMatchObject({ outcome: 'FAILED', errorCode: 'OperationDenied.DBInstanceStatus', rollbackFailed: false, outputs: [{ RequestId: 'replay-ssl' }] });
    expect(reply.asset).toBeUndefined();
    expect(writesSince(mark)).toEqual([
      `ModifyDBInstanceSSL ${JSON.stringify({ DBInstanceId: DB, ConnectionString: 'pgm-bp1analytics1q2w3e.pg.rds.aliyuncs.com', SSLEnabled: '1' })} 200`,
      `ModifySecurityIps ${JSON.stringify({ DBInstanceId: DB, DBInstanceIPArrayName: 'default', SecurityIps: '172.16.0.0/12', ModifyMode: 'Cover' })} 400`,
      `ModifyDBInstanceSSL ${JSON.stringify({ DBInstanceId: DB, ConnectionString: 'pgm-bp1analytics1q2w3e.pg.rds.aliyuncs.com', SSLEnabled: '0' })} 200`,
    ]);
  }, 120_000);

  it('takes the values a rollback needs from the answers of the fix it undoes', async () => {
    const tenant = 'remediate-outputs';
    await tenantWith(tenant, true);
    const mark = replay.requests.length;
    const reply = await execute({
      id: 'task-4:rollback', tenantId: tenant, assetId: VPC_ASSET, mode: 'ROLLBACK',
      writes: [{ product: 'Vpc', action: 'DeleteFlowLog', region: 'cn-hangzhou', params: { RegionId: 'cn-hangzhou', FlowLogId: { $output: { write: 0, path: 'FlowLogId' } } } }],
      outputs: [{ RequestId: 'replay-create', FlowLogId: 'fl-bp1created' }],
    });
    expect(reply).toMatchObject({ outcome: 'APPLIED' });
    expect(writesSince(mark)).toEqual([`DeleteFlowLog ${JSON.stringify({ FlowLogId: 'fl-bp1created' })} 200`]);
  }, 120_000);

  it('runs OSS reads and writes through ali-oss, with OSS error codes, checking arguments before any call', async () => {
    const tenant = 'remediate-oss';
    await tenantWith(tenant, true);
    const aclCapture = { call: { product: 'Oss', action: 'GetBucketAcl', region: 'cn-hangzhou', params: { bucket: BUCKET } }, fields: ['acl'] };
    const captured = await execute({ id: 'task-8:capture', tenantId: tenant, assetId: BUCKET_ASSET, mode: 'CAPTURE', capture: [aclCapture] });
    expect(captured).toMatchObject({ outcome: 'CAPTURED', asset: { id: BUCKET_ASSET, configuration: { acl: 'public-read', bucketName: BUCKET } } });

    const acl = (value: string) => ({ product: 'Oss', action: 'PutBucketAcl', region: 'cn-hangzhou', params: { bucket: BUCKET, acl: value } });
    const policy = { Version: '1', Statement: [] };
    const mark = replay.requests.length;
    const failed = await execute({
      id: 'task-8:fix', tenantId: tenant, assetId: BUCKET_ASSET, mode: 'FIX',
      writes: [acl('private'), { product: 'Oss', action: 'PutBucketPolicy', region: 'cn-hangzhou', params: { bucket: BUCKET, policy } }],
      rollback: [acl('public-read'), { product: 'Oss', action: 'DeleteBucketPolicy', region: 'cn-hangzhou', params: { bucket: BUCKET } }],
    });
    expect(failed).toMatchObject({ outcome: 'FAILED', errorCode: 'AccessDenied', errorMessage: 'You have no right to access this bucket.', rollbackFailed: false, outputs: [''] });
    expect(writesSince(mark)).toEqual([
      `PutBucketAcl ${JSON.stringify({ bucket: BUCKET, 'x-oss-acl': 'private' })} 200`,
      `PutBucketPolicy ${JSON.stringify({ bucket: BUCKET, body: JSON.stringify(policy) })} 403`,
      `PutBucketAcl ${JSON.stringify({ bucket: BUCKET, 'x-oss-acl': 'public-read' })} 200`,
    ]);

    const badMark = replay.requests.length;
    const bad = await execute({ id: 'task-9:fix', tenantId: tenant, assetId: BUCKET_ASSET, mode: 'FIX', writes: [acl('everyone')] });
    expect(bad).toMatchObject({ outcome: 'FAILED', errorCode: 'InvalidArgument', errorMessage: expect.stringMatching(/acl must be one of private/) });
    expect(replay.requests.length).toBe(badMark);
  }, 120_000);

  it('the replay takes a signed OSS write only when its Content-MD5 is that of the body it carries', async () => {
    const body = '<PublicAccessBlockConfiguration><BlockPublicAccess>true</BlockPublicAccess></PublicAccessBlockConfiguration>';
    const put = (md5Of: string) =>
      new Promise<number>((answered, failed) => {
        const headers = {
          host: `${BUCKET}.oss-cn-hangzhou.aliyuncs.com`, date: new Date().toUTCString(), 'content-type': 'application/xml',
          'content-md5': createHash('md5').update(md5Of).digest('base64'), 'content-length': String(Buffer.byteLength(body)),
        };
        const signature = expectedOssSignature({ method: 'PUT', headers, bucket: BUCKET, object: '', query: new URLSearchParams('publicAccessBlock') }, SECRET);
        const sent = httpRequest(`${replay.url}/${BUCKET}/?publicAccessBlock`, { method: 'PUT', headers: { ...headers, authorization: `OSS ${ACCESS_KEY_ID}:${signature}` } }, (res) => {
          res.resume();
          answered(res.statusCode ?? 0);
        });
        sent.on('error', failed);
        sent.end(body);
      });
    expect(await put(body)).toBe(200);
    expect(await put(`${body} `)).toBe(400);
  });

  it('refuses before any call: import-only accounts, unknown assets, calls without a client, malformed requests', async () => {
    await tenantWith('remediate-import-only', false);
    const mark = replay.requests.length;
    const importOnly = await execute({ id: 'task-5:check', tenantId: 'remediate-import-only', assetId: DB_ASSET, mode: 'CHECK', capture: [sslCapture], writes: [sslCall(1)] });
    expect(importOnly).toMatchObject({ outcome: 'REFUSED', errorCode: 'BAD_USER_INPUT', errorMessage: expect.stringMatching(/imported from a snapshot/) });

    await tenantWith('remediate-refusals', true);
    const ready = await execute({ id: 'task-6:check', tenantId: 'remediate-refusals', assetId: DB_ASSET, mode: 'CHECK', capture: [sslCapture], writes: [sslCall(1)] });
    expect(ready).toMatchObject({ outcome: 'READY', executed: [] });
    expect(await execute({ id: 'x', tenantId: 'remediate-refusals', assetId: 'acs:rds:cn-hangzhou:1:dbinstance/gone', mode: 'FIX' })).toMatchObject({ outcome: 'REFUSED', errorCode: 'NOT_FOUND' });
    const sls = { product: 'Sls', action: 'UpdateLogStore', region: 'cn-hangzhou', params: { project: 'p', logstore: 'l', ttl: 365 } };
    expect(await execute({ id: 'y', tenantId: 'remediate-refusals', assetId: DB_ASSET, mode: 'FIX', writes: [sls] })).toMatchObject({ outcome: 'REFUSED', errorCode: 'BAD_USER_INPUT' });
    const vpcCapture = { call: { product: 'Vpc', action: 'DescribeFlowLogs', region: 'cn-hangzhou', params: {} }, fields: ['flowLogs'] };
    expect(await execute({ id: 'z', tenantId: 'remediate-refusals', assetId: VPC_ASSET, mode: 'CAPTURE', capture: [vpcCapture] })).toMatchObject({ outcome: 'REFUSED', errorCode: 'BAD_USER_INPUT' });
    expect(await execute('{not json')).toMatchObject({ outcome: 'REFUSED', errorCode: 'BAD_USER_INPUT' });
    expect(await execute({ id: 'w', tenantId: 'remediate-refusals', assetId: DB_ASSET, mode: 'DELETE' as never })).toMatchObject({ outcome: 'REFUSED', errorCode: 'BAD_USER_INPUT' });
    expect(replay.requests.length).toBe(mark);
  }, 120_000);

  it('refuses a capture whose read failed rather than guess the state', async () => {
    const tenant = 'remediate-unreadable';
    await tenantWith(tenant, true);
    const missing = { call: { product: 'Rds', action: 'DescribeDBInstanceSSL', region: 'cn-hangzhou', params: { DBInstanceId: 'rm-not-recorded' } }, fields: ['ssl'] };
    const reply = await execute({ id: 'task-7:capture', tenantId: tenant, assetId: DB_ASSET, mode: 'CAPTURE', capture: [missing] });
    expect(reply).toMatchObject({ outcome: 'REFUSED', errorCode: 'CONFLICT', errorMessage: expect.stringMatching(/ssl could not be read live/) });
  }, 120_000);
});
