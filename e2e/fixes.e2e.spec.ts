import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { BucketConfiguration } from '@rampart/asset-model';
import { ProgressStore } from '@rampart/messaging';
import { signInternalIdentity } from '@rampart/platform';
import { dropTestDatabase, startPrivateNats, TEST_DATABASE_URL, TEST_INTERNAL_SECRET } from '@rampart/testing';
import type { AlibabaSnapshot, SnapshotCall } from '../services/assets/src/inventory/snapshot.schema';
import { startAlibabaReplayServer, type ReplayServer } from '../services/assets/test/support/alibaba-replay.server';
import { OssBucketState } from '../services/assets/test/support/oss-bucket-state';
import type { IdentifiedRequest } from '../services/assets/test/support/replay-dialects';
import { freePorts, startStack, type RunningStack } from '../tools/stack';
import { FIX_WORK_QUEUE } from '../services/config-checks/src/fixes/fix-work.stream';

const FIXTURE = join(__dirname, '..', 'services', 'assets', 'test', 'fixtures', 'recorded-account.snapshot.json');
const recordedAccount = () => JSON.parse(readFileSync(FIXTURE, 'utf8')) as AlibabaSnapshot;
const ACCESS_KEY_ID = 'LTAI5tFixReplay0abcd';
const SECRET = 'fix-replay-secret-0123456789';
const ACCOUNT = '1234567890123456';
const SG = 'sg-bp1web9d8f7g6h5j4k3l';
const ORDERS_DB = 'rm-bp1orders6y7u8i9o0p';
const ANALYTICS_DB = 'rm-bp1analytics1q2w3e';
const KEY = 'key-hzz7a9b8c7d6e5f4g3h2j';
const WEB_INSTANCE = 'i-bp1web01a8xq2k5m3n7z';
const PUBLIC_BUCKET = 'rampart-public-assets';
const LOGS_BUCKET = 'rampart-prod-logs';
const PASSWORD_POLICY = 'MinimumPasswordLength=8&RequireLowercaseCharacters=true&RequireUppercaseCharacters=true&RequireNumbers=true';

const isRead = (action: string) => /^(Describe|Get|List)/.test(action);

/**
 * The recording plus the ingress-only page of the web security group that the RDP fix captures, and the Block Public
 * Access setting of the buckets as GetBucketPublicAccessBlock answers it (the recorder reads it from GetBucketInfo).
 */
function recording(): AlibabaSnapshot {
  const snapshot = recordedAccount();
  for (const info of snapshot.calls.filter((c) => c.action === 'GetBucketInfo' && c.response !== undefined)) {
    const block = /<BlockPublicAccess>(true|false)<\/BlockPublicAccess>/.exec(info.response as string)?.[1];
    if (block === undefined) continue;
    snapshot.calls.push({
      ...info,
      action: 'GetBucketPublicAccessBlock',
      response: `<?xml version="1.0" encoding="UTF-8"?>\n<PublicAccessBlockConfiguration><BlockPublicAccess>${block}</BlockPublicAccess></PublicAccessBlockConfiguration>`,
    });
  }
  const all = snapshot.calls.find((c) => c.action === 'DescribeSecurityGroupAttribute' && c.params.SecurityGroupId === SG)!;
  const body = all.response as { Permissions: { Permission: Array<{ Direction: string }> } };
  snapshot.calls.push({
    ...all,
    params: { SecurityGroupId: SG, Direction: 'ingress' },
    response: { ...body, Permissions: { Permission: body.Permissions.Permission.filter((p) => p.Direction === 'ingress') } },
  });
  const page = snapshot.calls.find((c) => c.product === 'Ecs' && c.action === 'DescribeInstances' && c.response !== undefined)!;
  const instances = page.response as { Instances: { Instance: Array<{ InstanceId: string }> } };
  snapshot.calls.push({
    ...page,
    params: { InstanceIds: JSON.stringify([WEB_INSTANCE]) },
    response: { ...instances, TotalCount: 1, Instances: { Instance: instances.Instances.Instance.filter((i) => i.InstanceId === WEB_INSTANCE) } },
  });
  return snapshot;
}

/** The recorded account with the orders database's whitelist open to the world in two groups (a two-write fix). */
function twoOpenGroups(snapshot: AlibabaSnapshot): SnapshotCall {
  const call = snapshot.calls.find((c) => c.action === 'DescribeDBInstanceIPArrayList' && c.params.DBInstanceId === ORDERS_DB)!;
  const body = call.response as { Items: { DBInstanceIPArray: Array<Record<string, string>> } };
  body.Items.DBInstanceIPArray.push({ ...body.Items.DBInstanceIPArray[1]!, DBInstanceIPArrayName: 'legacy', SecurityIPList: '0.0.0.0/0,192.168.9.9' });
  return call;
}

/**
 * The items fixed end to end (on the asset named when several fail), each with the exact calls its fix and its
 * rollback make (params as the SDK sends them).
 */
const CASES: Array<{ item: string; asset?: string; fix: Array<Record<string, unknown>>; rollback: Array<Record<string, unknown>> }> = [
  {
    item: 'ecs-instance-metadata-tokens',
    asset: WEB_INSTANCE,
    fix: [{ product: 'Ecs', action: 'ModifyInstanceMetadataOptions', region: 'cn-hangzhou', params: { InstanceId: WEB_INSTANCE, HttpTokens: 'required' } }],
    rollback: [{ product: 'Ecs', action: 'ModifyInstanceMetadataOptions', region: 'cn-hangzhou', params: { InstanceId: WEB_INSTANCE, HttpTokens: 'optional' } }],
  },
  {
    item: 'ram-access-key-rotation',
    fix: [{ product: 'Ram', action: 'UpdateAccessKey', region: null, params: { UserName: 'ci-deploy', UserAccessKeyId: 'LTAI4Fold0ci0deploy0key01', Status: 'Inactive' } }],
    rollback: [{ product: 'Ram', action: 'UpdateAccessKey', region: null, params: { UserName: 'ci-deploy', UserAccessKeyId: 'LTAI4Fold0ci0deploy0key01', Status: 'Active' } }],
  },
  {
    item: 'ecs-sg-open-rdp',
    fix: [{
      product: 'Ecs', action: 'RevokeSecurityGroup', region: 'cn-hangzhou',
      params: {
        SecurityGroupId: SG, 'Permissions.1.Policy': 'accept', 'Permissions.1.Priority': '1', 'Permissions.1.IpProtocol': 'TCP',
        'Permissions.1.PortRange': '3389/3389', 'Permissions.1.SourceCidrIp': '0.0.0.0/0', 'Permissions.1.NicType': 'intranet',
        'Permissions.1.Description': 'rdp for jump-win',
      },
    }],
    rollback: [{
      product: 'Ecs', action: 'AuthorizeSecurityGroup', region: 'cn-hangzhou',
      params: {
        SecurityGroupId: SG, 'Permissions.1.Policy': 'accept', 'Permissions.1.Priority': '1', 'Permissions.1.IpProtocol': 'TCP',
        'Permissions.1.PortRange': '3389/3389', 'Permissions.1.SourceCidrIp': '0.0.0.0/0', 'Permissions.1.NicType': 'intranet',
        'Permissions.1.Description': 'rdp for jump-win',
      },
    }],
  },
  {
    item: 'rds-whitelist-not-open',
    fix: [{ product: 'Rds', action: 'ModifySecurityIps', region: 'cn-hangzhou', params: { DBInstanceId: ORDERS_DB, DBInstanceIPArrayName: 'app', SecurityIps: '172.16.2.0/24,10.0.0.1', ModifyMode: 'Cover' } }],
    rollback: [{ product: 'Rds', action: 'ModifySecurityIps', region: 'cn-hangzhou', params: { DBInstanceId: ORDERS_DB, DBInstanceIPArrayName: 'app', SecurityIps: '172.16.2.0/24,10.0.0.1,0.0.0.0/0', ModifyMode: 'Cover' } }],
  },
  {
    item: 'rds-ssl-enabled',
    fix: [{ product: 'Rds', action: 'ModifyDBInstanceSSL', region: 'cn-hangzhou', params: { DBInstanceId: ANALYTICS_DB, ConnectionString: 'pgm-bp1analytics1q2w3e.pg.rds.aliyuncs.com', SSLEnabled: '1' } }],
    rollback: [{ product: 'Rds', action: 'ModifyDBInstanceSSL', region: 'cn-hangzhou', params: { DBInstanceId: ANALYTICS_DB, ConnectionString: 'pgm-bp1analytics1q2w3e.pg.rds.aliyuncs.com', SSLEnabled: '0' } }],
  },
  {
    item: 'rds-sql-audit-retention',
    fix: [{ product: 'Rds', action: 'ModifySQLCollectorRetention', region: 'cn-hangzhou', params: { DBInstanceId: ORDERS_DB, ConfigValue: '365' } }],
    rollback: [{ product: 'Rds', action: 'ModifySQLCollectorRetention', region: 'cn-hangzhou', params: { DBInstanceId: ORDERS_DB, ConfigValue: '180' } }],
  },
  {
    item: 'rds-pg-log-disconnections',
    fix: [{ product: 'Rds', action: 'ModifyParameter', region: 'cn-hangzhou', params: { DBInstanceId: ANALYTICS_DB, Parameters: '{"log_disconnections":"on"}', Forcerestart: 'false' } }],
    rollback: [{ product: 'Rds', action: 'ModifyParameter', region: 'cn-hangzhou', params: { DBInstanceId: ANALYTICS_DB, Parameters: '{"log_disconnections":"off"}', Forcerestart: 'false' } }],
  },
  {
    item: 'redis-whitelist-not-open',
    fix: [{ product: 'R-kvstore', action: 'ModifySecurityIps', region: 'cn-hangzhou', params: { InstanceId: 'r-bp1cache7u8i9o0p1a2', SecurityIpGroupName: 'app', SecurityIps: '172.16.2.0/24', ModifyMode: 'Cover' } }],
    rollback: [{ product: 'R-kvstore', action: 'ModifySecurityIps', region: 'cn-hangzhou', params: { InstanceId: 'r-bp1cache7u8i9o0p1a2', SecurityIpGroupName: 'app', SecurityIps: '172.16.2.0/24,0.0.0.0/0', ModifyMode: 'Cover' } }],
  },
  {
    item: 'ram-password-policy-min-length',
    fix: [{ product: 'Ram', action: 'SetPasswordPolicy', region: null, params: Object.fromEntries(new URLSearchParams(`${PASSWORD_POLICY}&RequireSymbols=false&PasswordReusePrevention=0&MaxPasswordAge=0&HardExpiry=false&MaxLoginAttemps=0`.replace('MinimumPasswordLength=8', 'MinimumPasswordLength=14'))) }],
    rollback: [{ product: 'Ram', action: 'SetPasswordPolicy', region: null, params: Object.fromEntries(new URLSearchParams(`${PASSWORD_POLICY}&RequireSymbols=false&PasswordReusePrevention=0&MaxPasswordAge=0&HardExpiry=false&MaxLoginAttemps=0`)) }],
  },
  {
    item: 'ram-account-mfa-login-enforced',
    fix: [{
      product: 'Ram', action: 'SetSecurityPreference', region: null,
      params: { EnforceMFAForLogin: 'true', AllowUserToChangePassword: 'true', AllowUserToManageAccessKeys: 'false', AllowUserToManageMFADevices: 'true', LoginSessionDuration: '6', LoginNetworkMasks: '' },
    }],
    rollback: [{
      product: 'Ram', action: 'SetSecurityPreference', region: null,
      params: { EnforceMFAForLogin: 'false', AllowUserToChangePassword: 'true', AllowUserToManageAccessKeys: 'false', AllowUserToManageMFADevices: 'true', LoginSessionDuration: '6', LoginNetworkMasks: '' },
    }],
  },
  {
    item: 'slb-delete-protection',
    fix: [{ product: 'Slb', action: 'SetLoadBalancerDeleteProtection', region: 'cn-hangzhou', params: { LoadBalancerId: 'lb-bp1public3e4r5t6y7u8', DeleteProtection: 'on' } }],
    rollback: [{ product: 'Slb', action: 'SetLoadBalancerDeleteProtection', region: 'cn-hangzhou', params: { LoadBalancerId: 'lb-bp1public3e4r5t6y7u8', DeleteProtection: 'off' } }],
  },
  {
    item: 'kms-key-deletion-protection',
    fix: [{ product: 'Kms', action: 'SetDeletionProtection', region: 'cn-hangzhou', params: { ProtectedResourceArn: `acs:kms:cn-hangzhou:${ACCOUNT}:key/${KEY}`, EnableDeletionProtection: 'true' } }],
    rollback: [{ product: 'Kms', action: 'SetDeletionProtection', region: 'cn-hangzhou', params: { ProtectedResourceArn: `acs:kms:cn-hangzhou:${ACCOUNT}:key/${KEY}`, EnableDeletionProtection: 'false' } }],
  },
  {
    item: 'kms-key-rotation',
    fix: [{ product: 'Kms', action: 'UpdateRotationPolicy', region: 'cn-hangzhou', params: { KeyId: KEY, EnableAutomaticRotation: 'true', RotationInterval: '31536000s' } }],
    rollback: [{ product: 'Kms', action: 'UpdateRotationPolicy', region: 'cn-hangzhou', params: { KeyId: KEY, EnableAutomaticRotation: 'false' } }],
  },
];

const ossXml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
const publicAccessBlock = (on: boolean) =>
  ossXml(`<PublicAccessBlockConfiguration>\n<BlockPublicAccess>${on}</BlockPublicAccess>\n</PublicAccessBlockConfiguration>`);

/** OSS items fixed through `ali-oss`: each call as the replay received it (argument headers and XML body in params). */
const OSS_CASES: typeof CASES = [
  {
    item: 'oss-bucket-public-access',
    asset: PUBLIC_BUCKET,
    fix: [
      { product: 'Oss', action: 'PutBucketAcl', region: 'cn-hangzhou', params: { bucket: PUBLIC_BUCKET, 'x-oss-acl': 'private' }, status: 200 },
      { product: 'Oss', action: 'PutBucketPublicAccessBlock', region: 'cn-hangzhou', params: { bucket: PUBLIC_BUCKET, body: publicAccessBlock(true) }, status: 200 },
    ],
    rollback: [
      { product: 'Oss', action: 'PutBucketPublicAccessBlock', region: 'cn-hangzhou', params: { bucket: PUBLIC_BUCKET, body: publicAccessBlock(false) }, status: 200 },
      { product: 'Oss', action: 'PutBucketAcl', region: 'cn-hangzhou', params: { bucket: PUBLIC_BUCKET, 'x-oss-acl': 'public-read' }, status: 200 },
    ],
  },
  {
    item: 'oss-bucket-logging',
    asset: LOGS_BUCKET,
    fix: [{
      product: 'Oss', action: 'PutBucketLogging', region: 'cn-hangzhou',
      params: {
        bucket: LOGS_BUCKET,
        body: ossXml(`<BucketLoggingStatus>\n<LoggingEnabled>\n<TargetBucket>${LOGS_BUCKET}</TargetBucket>\n<TargetPrefix>oss-access-log/</TargetPrefix>\n</LoggingEnabled>\n</BucketLoggingStatus>`),
      },
      status: 200,
    }],
    rollback: [{ product: 'Oss', action: 'DeleteBucketLogging', region: 'cn-hangzhou', params: { bucket: LOGS_BUCKET }, status: 204 }],
  },
  {
    item: 'oss-bucket-encryption',
    asset: PUBLIC_BUCKET,
    fix: [{
      product: 'Oss', action: 'PutBucketEncryption', region: 'cn-hangzhou',
      params: { bucket: PUBLIC_BUCKET, body: ossXml('<ServerSideEncryptionRule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></ServerSideEncryptionRule>') },
      status: 200,
    }],
    rollback: [{ product: 'Oss', action: 'DeleteBucketEncryption', region: 'cn-hangzhou', params: { bucket: PUBLIC_BUCKET }, status: 204 }],
  },
  {
    item: 'oss-bucket-versioning',
    asset: PUBLIC_BUCKET,
    fix: [{ product: 'Oss', action: 'PutBucketVersioning', region: 'cn-hangzhou', params: { bucket: PUBLIC_BUCKET, body: ossXml('<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>') }, status: 200 }],
    rollback: [{ product: 'Oss', action: 'PutBucketVersioning', region: 'cn-hangzhou', params: { bucket: PUBLIC_BUCKET, body: ossXml('<VersioningConfiguration><Status>Suspended</Status></VersioningConfiguration>') }, status: 200 }],
  },
];

const START = 'mutation ($input: StartScanInput!) { startScan(input: $input) { id } }';
const TASK = 'query ($id: ID!) { scanTask(id: $id) { id kind status total completed failed quotaConsumed finishedAt } }';
const FAILING = `query { checkResults(filter: { status: ["FAIL"] }, first: 500) { edges { node { id status checkItem { id } asset { id } } } } }`;
const RESULT_STATUS = `query { checkResults(first: 500) { edges { node { id status } } } }`;
const FIX = 'mutation ($id: ID!, $params: JSON) { fixCheckResult(id: $id, params: $params) { id kind status total quotaConsumed } }';
const ROLLBACK = 'mutation ($taskId: ID!) { rollbackFix(taskId: $taskId) { id kind status } }';

type Gql = { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, any> }> };

describe('fixing check results on a live account, and rolling the fixes back', () => {
  let nats: { url: string; stop(): Promise<void> };
  let client: NatsConnection;
  let replay: ReplayServer;
  /** The assets, billing and config-checks services, each its own process on its own throwaway database. */
  let services: RunningStack;
  /** config-checks on its own, so a test can restart it. */
  let checksService: RunningStack;
  let restartChecks: () => Promise<void>;
  const suffix = randomBytes(4).toString('hex');
  const logs: string[] = [];
  const databases = { assets: `rampart_assets_fix_${suffix}`, billing: `rampart_billing_fix_${suffix}`, 'config-checks': `rampart_config_checks_fix_${suffix}` };
  /** The test's stand-in for the account's state: reads it answers instead of the recording, and writes it refuses. */
  const account = { reads: new Map<string, unknown>(), refuse: (_request: IdentifiedRequest) => false, onWrite: (_request: IdentifiedRequest) => {} };
  /** The account's buckets as the OSS writes left them. */
  const buckets = new OssBucketState(ACCOUNT);
  const readKey = (product: string, action: string, id: string) => `${product}|${action}|${id}`;

  beforeAll(async () => {
    nats = await startPrivateNats();
    replay = await startAlibabaReplayServer(recording(), {
      accessKeyId: ACCESS_KEY_ID,
      accessKeySecret: SECRET,
      writes: (request) => {
        if (request.product === 'Oss') return isRead(request.action) ? buckets.read(request) : buckets.write(request);
        if (isRead(request.action)) {
          const id = request.params.DBInstanceId ?? request.params.InstanceId ?? request.params.KeyId ?? '';
          const body = account.reads.get(readKey(request.product, request.action, id));
          return body === undefined ? undefined : { response: body };
        }
        if (account.refuse(request)) return { error: { code: 'InvalidSecurityIPList.Malformed', message: 'The specified parameter "SecurityIps" is not valid.' } };
        account.onWrite(request);
        return { response: { RequestId: `replay-${request.action}` } };
      },
    });
    const ports = await freePorts(3);
    const env = {
      DATABASE_URL: TEST_DATABASE_URL,
      NATS_URL: nats.url,
      INTERNAL_AUTH_SECRET: TEST_INTERNAL_SECRET,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      CREDENTIALS_KEY: randomBytes(32).toString('base64'),
      ALIBABA_ENDPOINT_OVERRIDE: replay.url,
      ALIBABA_COLLECTOR_RETRY_BASE_MS: '5',
    };
    const launch = (deployables: Array<keyof typeof databases>) =>
      startStack({
        deployables,
        env,
        envFor: (name) => ({ DATABASE_NAME: databases[name as keyof typeof databases] }),
        portFor: (name) => ports[Object.keys(databases).indexOf(name)]!,
        log: (name, line) => logs.push(`[${name}] ${line}`),
      }).catch((error: unknown) => {
        process.stderr.write(logs.join('\n'));
        throw error;
      });
    services = await launch(['assets', 'billing']);
    checksService = await launch(['config-checks']);
    restartChecks = async () => {
      await checksService.stop();
      checksService = await launch(['config-checks']);
    };
    client = await connect({ servers: nats.url });
  }, 300_000);
  afterAll(async () => {
    await checksService?.stop();
    await services?.stop();
    await client?.drain();
    await replay?.close();
    for (const databaseName of Object.values(databases)) await dropTestDatabase({ databaseUrl: TEST_DATABASE_URL, databaseName });
    await nats?.stop();
  });
  afterEach(() => {
    account.reads.clear();
    account.refuse = () => false;
    account.onWrite = () => {};
    buckets.clear();
  });

  /** Reads a service's own database as its owner (row-level security does not apply): the ledger, the inventory, tasks. */
  async function serviceQuery<T>(service: keyof typeof databases, sql: string, params: unknown[] = []): Promise<T[]> {
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${databases[service]}`;
    const pg = new Client({ connectionString: url.toString() });
    await pg.connect();
    try {
      return (await pg.query(sql, params)).rows as T[];
    } finally {
      await pg.end();
    }
  }

  async function gql(service: keyof typeof databases, tenant: string, query: string, variables: Record<string, unknown> = {}): Promise<Gql> {
    const token = await signInternalIdentity(
      { subject: 'tester', tenantId: tenant, roles: ['admin'], permissions: ['read', 'scan', 'fix', 'billing', 'admin'], via: 'jwt' },
      TEST_INTERNAL_SECRET,
    );
    const response = await fetch(service === 'config-checks' ? checksService.urls['config-checks'] : services.urls[service], {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rampart-identity': token },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Gql;
  }

  async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const finished = (tenant: string, id: string) =>
    until(`task ${id}`, async () => {
      const { data } = await gql('config-checks', tenant, TASK, { id });
      return ['QUEUED', 'RUNNING'].includes(data!.scanTask.status) ? undefined : data!.scanTask;
    });

  /**
   * A tenant with the recorded account imported, optionally a paid subscription and the account's live credentials,
   * scanned with the given items; answers the failing results by check item.
   */
  async function tenantWith(tenant: string, options: { subscribed: boolean; live: boolean; items: string[]; snapshot?: AlibabaSnapshot }) {
    if (options.subscribed) {
      const bought = await gql('billing', tenant, 'mutation { purchaseSubscription(input: { edition: "ENTERPRISE", cspmQuota: 1000, months: 12 }) { edition } }');
      expect(bought.errors).toBeUndefined();
    }
    const imported = await gql('assets', tenant, 'mutation ($s: JSON!) { importInventory(snapshot: $s) { assetsCreated } }', { s: options.snapshot ?? recordedAccount() });
    expect(imported.errors).toBeUndefined();
    if (options.live) {
      const added = await gql('assets', tenant, 'mutation ($i: AddCloudAccountInput!) { addCloudAccount(input: $i) { id } }', {
        i: { name: 'prod', accessKeyId: ACCESS_KEY_ID, accessKeySecret: SECRET, accountId: ACCOUNT },
      });
      expect(added.errors).toBeUndefined();
    }
    const created = imported.data!.importInventory.assetsCreated as number;
    await until('the replicated inventory', async () => {
      const [row] = await serviceQuery<{ n: number }>('config-checks', 'SELECT count(*)::int AS n FROM asset_replica WHERE tenant_id = $1', [tenant]);
      return row!.n === created ? true : undefined;
    });
    const started = await gql('config-checks', tenant, START, { input: { checkItemIds: options.items } });
    expect(started.errors).toBeUndefined();
    expect(await finished(tenant, started.data!.startScan.id)).toMatchObject({ status: 'COMPLETED' });
    const failing = await gql('config-checks', tenant, FAILING);
    const byItem = new Map<string, Array<{ id: string; assetId: string }>>();
    for (const { node } of failing.data!.checkResults.edges) byItem.set(node.checkItem.id, [...(byItem.get(node.checkItem.id) ?? []), { id: node.id, assetId: node.asset.id }]);
    return {
      items: () => [...byItem.keys()],
      /** The failing result of the item (on the asset whose id ends with `asset` when several fail). */
      get: (item: string, asset?: string) => byItem.get(item)?.find((r) => asset === undefined || r.assetId.endsWith(`/${asset}`))?.id,
    };
  }

  /** The write calls the replay answered (or refused) after `mark`, as the SDK sent them. */
  const writesSince = (mark: number) =>
    replay.requests.slice(mark).filter((r) => !isRead(r.action)).map(({ product, action, region, params, status }) => ({ product, action, region: region ?? null, params, status }));

  const fixUnits = async (tenant: string) =>
    (await serviceQuery<{ n: number }>('billing', `SELECT count(*)::int AS n FROM usage WHERE tenant_id = $1 AND operation = 'FIX'`, [tenant]))[0]!.n;
  /** Waits until billing resolved the fix's reservation (posted or voided through `batch.completed`). */
  const resolved = (tenant: string, taskId: string) =>
    until(`the reservation of ${taskId}`, async () => {
      const rows = await serviceQuery<{ kind: string }>('billing', `SELECT kind FROM transfers WHERE tenant_id = $1 AND pending_id = $2`, [tenant, `fix:${taskId}`]);
      return rows[0]?.kind;
    });

  it('fixes thirteen items through the live connector with the exact write calls, charges one unit each, and rolls each back', async () => {
    const tenant = 'fix-live';
    const results = await tenantWith(tenant, { subscribed: true, live: true, items: CASES.map((c) => c.item) });
    expect(results.items().sort()).toEqual(CASES.map((c) => c.item).sort());
    // The analytics database's SSL as the account answers it after each write, so the fix is verified against it.
    const sslRead = recordedAccount().calls.find((c) => c.action === 'DescribeDBInstanceSSL' && c.params.DBInstanceId === ANALYTICS_DB)!;
    account.onWrite = (request) => {
      if (request.action === 'ModifyDBInstanceSSL') {
        const on = request.params.SSLEnabled === '1';
        account.reads.set(readKey('Rds', 'DescribeDBInstanceSSL', ANALYTICS_DB), { ...(sslRead.response as object), SSLEnabled: on ? 'Yes' : 'No', SSLExpireTime: on ? '2027-11-28T00:00:00Z' : '' });
      }
    };
    const fixTasks = new Map<string, string>();
    for (const { item, asset, fix } of CASES) {
      const mark = replay.requests.length;
      const started = await gql('config-checks', tenant, FIX, { id: results.get(item, asset) });
      expect(started.errors).toBeUndefined();
      expect(started.data!.fixCheckResult).toMatchObject({ kind: 'FIX', status: 'QUEUED', total: 1 });
      const task = await finished(tenant, started.data!.fixCheckResult.id);
      expect({ item, task }).toMatchObject({ item, task: { kind: 'FIX', status: 'COMPLETED', completed: 1, quotaConsumed: 1 } });
      expect({ item, writes: writesSince(mark) }).toEqual({ item, writes: fix.map((call) => ({ ...call, status: 200 })) });
      fixTasks.set(item, task.id);
      expect(await resolved(tenant, task.id)).toBe('POST_PENDING');
    }
    expect(await fixUnits(tenant)).toBe(CASES.length);
    const progress = await (await ProgressStore.open(client)).get(tenant, fixTasks.get('rds-ssl-enabled')!);
    expect(progress).toMatchObject({ kind: 'FIX', status: 'COMPLETED', completed: 1, quotaConsumed: 1 });

    // The SSL fix re-read the database: its result passes, and the inventory holds what the account now says.
    const statusOf = async (resultId: string) =>
      ((await gql('config-checks', tenant, RESULT_STATUS)).data!.checkResults.edges as Array<{ node: { id: string; status: string } }>).find((e) => e.node.id === resultId)!.node.status;
    expect(await statusOf(results.get('rds-ssl-enabled')!)).toBe('PASS');
    const [stored] = await serviceQuery<{ ssl: { enabled: boolean } }>('assets', `SELECT configuration->'ssl' AS ssl FROM assets WHERE tenant_id = $1 AND resource_id = $2`, [tenant, ANALYTICS_DB]);
    expect(stored!.ssl.enabled).toBe(true);

    for (const { item, rollback } of CASES) {
      const mark = replay.requests.length;
      const started = await gql('config-checks', tenant, ROLLBACK, { taskId: fixTasks.get(item) });
      expect(started.errors).toBeUndefined();
      const task = await finished(tenant, started.data!.rollbackFix.id);
      expect({ item, task }).toMatchObject({ item, task: { kind: 'FIX', status: 'COMPLETED', quotaConsumed: 0 } });
      expect({ item, writes: writesSince(mark) }).toEqual({ item, writes: rollback.map((call) => ({ ...call, status: 200 })) });
    }
    expect(await statusOf(results.get('rds-ssl-enabled')!)).toBe('FAIL');
    // Rollbacks are free, and a fix is rolled back once.
    expect(await fixUnits(tenant)).toBe(CASES.length);
    const again = await gql('config-checks', tenant, ROLLBACK, { taskId: fixTasks.get('kms-key-rotation') });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const ofRollback = await gql('config-checks', tenant, ROLLBACK, { taskId: 'no-such-task' });
    expect(ofRollback.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  }, 600_000);

  it('fixes OSS buckets through ali-oss with the exact signed writes, re-reads them so the results pass, and rolls each back', async () => {
    const tenant = 'fix-oss';
    const results = await tenantWith(tenant, { subscribed: true, live: true, items: OSS_CASES.map((c) => c.item) });
    expect(results.items().sort()).toEqual(OSS_CASES.map((c) => c.item).sort());
    const statusOf = async (resultId: string) =>
      ((await gql('config-checks', tenant, RESULT_STATUS)).data!.checkResults.edges as Array<{ node: { id: string; status: string } }>).find((e) => e.node.id === resultId)!.node.status;
    const bucket = async (name: string) =>
      (await serviceQuery<{ configuration: BucketConfiguration }>('assets', `SELECT configuration FROM assets WHERE tenant_id = $1 AND resource_id = $2`, [tenant, name]))[0]!.configuration;

    const fixTasks = new Map<string, string>();
    for (const { item, asset, fix } of OSS_CASES) {
      const mark = replay.requests.length;
      const started = await gql('config-checks', tenant, FIX, { id: results.get(item, asset) });
      expect({ item, errors: started.errors }).toEqual({ item, errors: undefined });
      const task = await finished(tenant, started.data!.fixCheckResult.id);
      expect({ item, task }).toMatchObject({ item, task: { kind: 'FIX', status: 'COMPLETED', completed: 1, quotaConsumed: 1 } });
      expect({ item, writes: writesSince(mark) }).toEqual({ item, writes: fix });
      expect({ item, status: await statusOf(results.get(item, asset)!) }).toEqual({ item, status: 'PASS' });
      fixTasks.set(item, task.id);
    }
    expect(await bucket(PUBLIC_BUCKET)).toMatchObject({ acl: 'private', blockPublicAccess: true, encryption: { algorithm: 'AES256' }, versioning: 'Enabled' });
    expect((await bucket(LOGS_BUCKET)).logging).toEqual({ enabled: true, targetBucket: LOGS_BUCKET, targetPrefix: 'oss-access-log/' });
    expect(await fixUnits(tenant)).toBe(OSS_CASES.length);

    for (const { item, asset, rollback } of OSS_CASES) {
      const mark = replay.requests.length;
      const started = await gql('config-checks', tenant, ROLLBACK, { taskId: fixTasks.get(item) });
      expect({ item, errors: started.errors }).toEqual({ item, errors: undefined });
      const task = await finished(tenant, started.data!.rollbackFix.id);
      expect({ item, task }).toMatchObject({ item, task: { kind: 'FIX', status: 'COMPLETED', quotaConsumed: 0 } });
      expect({ item, writes: writesSince(mark) }).toEqual({ item, writes: rollback });
      expect({ item, status: await statusOf(results.get(item, asset)!) }).toEqual({ item, status: 'FAIL' });
    }
    expect(await bucket(PUBLIC_BUCKET)).toMatchObject({ acl: 'public-read', blockPublicAccess: false, encryption: { algorithm: null }, versioning: 'Suspended' });
    expect((await bucket(LOGS_BUCKET)).logging).toEqual({ enabled: false, targetBucket: null, targetPrefix: null });
  }, 600_000);

  it('refuses a fix on an import-only account with BAD_USER_INPUT before queueing anything', async () => {
    const tenant = 'fix-import-only';
    const results = await tenantWith(tenant, { subscribed: true, live: false, items: ['rds-ssl-enabled'] });
    const mark = replay.requests.length;
    const refused = await gql('config-checks', tenant, FIX, { id: results.get('rds-ssl-enabled') });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(refused.errors?.[0]?.message).toMatch(/imported from a snapshot/);
    const [tasks] = await serviceQuery<{ n: number }>('config-checks', `SELECT count(*)::int AS n FROM scan_tasks WHERE tenant_id = $1 AND kind = 'FIX'`, [tenant]);
    expect(tasks!.n).toBe(0);
    expect(replay.requests.length).toBe(mark);
  }, 300_000);

  it('refuses a fix whose live state changed since it was planned: nothing is written and nothing charged', async () => {
    const tenant = 'fix-stale';
    const results = await tenantWith(tenant, { subscribed: true, live: true, items: ['ram-password-policy-symbols'] });
    // Someone tightened the minimum length meanwhile: the rollback would now restore a state that no longer exists.
    const policy = recordedAccount().calls.find((c) => c.action === 'GetPasswordPolicy')!.response as { PasswordPolicy: object };
    account.reads.set(readKey('Ram', 'GetPasswordPolicy', ''), { ...policy, PasswordPolicy: { ...policy.PasswordPolicy, MinimumPasswordLength: 12 } });
    const mark = replay.requests.length;
    const started = await gql('config-checks', tenant, FIX, { id: results.get('ram-password-policy-symbols') });
    expect(started.errors).toBeUndefined();
    const task = await finished(tenant, started.data!.fixCheckResult.id);
    expect(task).toMatchObject({ kind: 'FIX', status: 'FAILED', completed: 0, quotaConsumed: 0 });
    expect(replay.requests.slice(mark).map((r) => r.action)).toEqual(['GetPasswordPolicy']);
    await resolved(tenant, task.id);
    expect(await fixUnits(tenant)).toBe(0);
    const [record] = await serviceQuery<{ outcome: string; error_code: string }>('config-checks', 'SELECT outcome, error_code FROM fix_records WHERE tenant_id = $1 AND task_id = $2', [tenant, task.id]);
    expect(record).toEqual({ outcome: 'STALE', error_code: 'CONFLICT' });
    const rollback = await gql('config-checks', tenant, ROLLBACK, { taskId: task.id });
    expect(rollback.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  }, 300_000);

  it('undoes the writes that succeeded when a later write fails, and charges nothing', async () => {
    const tenant = 'fix-mid-failure';
    const snapshot = recordedAccount();
    const read = twoOpenGroups(snapshot);
    account.reads.set(readKey('Rds', 'DescribeDBInstanceIPArrayList', ORDERS_DB), read.response);
    const results = await tenantWith(tenant, { subscribed: true, live: true, items: ['rds-whitelist-not-open'], snapshot });
    account.refuse = (request) => request.action === 'ModifySecurityIps' && request.params.DBInstanceIPArrayName === 'legacy';
    const mark = replay.requests.length;
    const started = await gql('config-checks', tenant, FIX, { id: results.get('rds-whitelist-not-open') });
    expect(started.errors).toBeUndefined();
    const task = await finished(tenant, started.data!.fixCheckResult.id);
    expect(task).toMatchObject({ kind: 'FIX', status: 'FAILED', completed: 0, quotaConsumed: 0 });
    const group = (name: string, ips: string) => ({ DBInstanceId: ORDERS_DB, DBInstanceIPArrayName: name, SecurityIps: ips, ModifyMode: 'Cover' });
    expect(writesSince(mark)).toEqual([
      { product: 'Rds', action: 'ModifySecurityIps', region: 'cn-hangzhou', params: group('app', '172.16.2.0/24,10.0.0.1'), status: 200 },
      { product: 'Rds', action: 'ModifySecurityIps', region: 'cn-hangzhou', params: group('legacy', '192.168.9.9'), status: 400 },
      { product: 'Rds', action: 'ModifySecurityIps', region: 'cn-hangzhou', params: group('app', '172.16.2.0/24,10.0.0.1,0.0.0.0/0'), status: 200 },
    ]);
    await resolved(tenant, task.id);
    expect(await fixUnits(tenant)).toBe(0);
    const [record] = await serviceQuery<{ outcome: string; error_code: string }>('config-checks', 'SELECT outcome, error_code FROM fix_records WHERE tenant_id = $1 AND task_id = $2', [tenant, task.id]);
    expect(record).toEqual({ outcome: 'FAILED', error_code: 'InvalidSecurityIPList.Malformed' });
  }, 300_000);

  it('refuses fixes on an edition without them with EDITION_NOT_ENTITLED', async () => {
    const tenant = 'fix-basic';
    const results = await tenantWith(tenant, { subscribed: false, live: true, items: ['rds-ssl-enabled'] });
    const refused = await gql('config-checks', tenant, FIX, { id: results.get('rds-ssl-enabled') });
    expect(refused.errors?.[0]?.extensions?.code).toBe('EDITION_NOT_ENTITLED');
    const [tasks] = await serviceQuery<{ n: number }>('config-checks', `SELECT count(*)::int AS n FROM scan_tasks WHERE tenant_id = $1 AND kind = 'FIX'`, [tenant]);
    expect(tasks!.n).toBe(0);
  }, 300_000);

  it('refuses bad input: an unknown result, fix parameters that do not fit, an item the connector cannot fix', async () => {
    const tenant = 'fix-input';
    const results = await tenantWith(tenant, { subscribed: true, live: true, items: ['ecs-sg-open-rdp', 'sls-logstore-retention'] });
    expect((await gql('config-checks', tenant, FIX, { id: 'no-such-result' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const badParams = await gql('config-checks', tenant, FIX, { id: results.get('ecs-sg-open-rdp'), params: { dropPriority: 0 } });
    expect(badParams.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const sls = await gql('config-checks', tenant, FIX, { id: results.get('sls-logstore-retention') });
    expect(sls.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(sls.errors?.[0]?.message).toMatch(/Sls GetLogStore is not supported by the live connector/);
  }, 300_000);

  it('runs a fix queued before config-checks restarts once the new process is up, and only once', async () => {
    const tenant = 'fix-restart';
    const results = await tenantWith(tenant, { subscribed: true, live: true, items: ['slb-delete-protection'] });
    // No worker takes the task: its work-queue consumer is gone while the fix is requested, as if the process had died.
    const jsm = await jetstreamManager(client);
    await jsm.consumers.delete(FIX_WORK_QUEUE.stream, FIX_WORK_QUEUE.durable);
    const mark = replay.requests.length;
    const started = await gql('config-checks', tenant, FIX, { id: results.get('slb-delete-protection') });
    expect(started.errors).toBeUndefined();
    const id = started.data!.fixCheckResult.id as string;
    expect((await gql('config-checks', tenant, TASK, { id })).data!.scanTask).toMatchObject({ status: 'QUEUED' });
    expect((await jsm.streams.info(FIX_WORK_QUEUE.stream)).state.messages).toBe(1);

    await restartChecks();
    const task = await finished(tenant, id);
    expect(task).toMatchObject({ kind: 'FIX', status: 'COMPLETED', completed: 1, quotaConsumed: 1 });
    expect(writesSince(mark)).toEqual([
      { product: 'Slb', action: 'SetLoadBalancerDeleteProtection', region: 'cn-hangzhou', params: { LoadBalancerId: 'lb-bp1public3e4r5t6y7u8', DeleteProtection: 'on' }, status: 200 },
    ]);
    expect(await resolved(tenant, id)).toBe('POST_PENDING');
    expect(await fixUnits(tenant)).toBe(1);
  }, 300_000);
});
