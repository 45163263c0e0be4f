import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ProgressStore } from '@rampart/messaging';
import { startE2EStack, type E2EStack } from './stack.fixture';
import { SubscriptionProbe } from './subscription.probe';

const CREATE = `mutation Create($name: String!, $scopes: [String!]!) {
  createApiKey(name: $name, scopes: $scopes) { id name scopes secret createdAt }
}`;
const LIST = '{ apiKeys { id name scopes createdAt lastUsedAt revokedAt } }';
const REVOKE = 'mutation Revoke($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }';
const WATCH = 'subscription Watch($scanId: ID!) { scanProgress(scanId: $scanId) { status completed } }';

interface CreatedKey {
  id: string;
  name: string;
  scopes: string[];
  secret: string;
  createdAt: string;
}

describe('partner API keys', () => {
  let stack: E2EStack;
  let nats: NatsConnection;
  const probes: SubscriptionProbe[] = [];

  const createKey = async (tenant: string, scopes: string[], name = 'ci'): Promise<CreatedKey> => {
    const { body } = await stack.graphql(CREATE, { token: await stack.token(tenant, ['admin']), variables: { name, scopes } });
    expect(body.errors).toBeUndefined();
    return (body.data as { createApiKey: CreatedKey }).createApiKey;
  };
  const withKey = (secret: string, query: string, variables?: Record<string, unknown>) =>
    stack.graphql(query, { headers: { 'x-api-key': secret }, variables });

  beforeAll(async () => {
    stack = await startE2EStack({
      deployables: ['assets', 'gateway'],
      env: { LOG_LEVEL: 'debug', RATE_LIMIT_API_KEY_BURST: '5', RATE_LIMIT_API_KEY_PER_SECOND: '1' },
    });
    nats = await connect({ servers: stack.natsUrl });
  }, 180_000);
  afterAll(async () => {
    await Promise.all(probes.map((probe) => probe.dispose()));
    await nats?.drain();
    await stack?.stop();
  });

  it('creates a key whose secret is shown once and works as X-Api-Key with exactly its scopes', async () => {
    const key = await createKey('tenant-keys', ['read']);

    const read = await withKey(key.secret, '{ assets(first: 1) { totalCount } }');
    const write = await withKey(key.secret, 'mutation { importInventory(snapshot: {}) { id } }');

    expect(key).toMatchObject({ name: 'ci', scopes: ['read'], secret: expect.stringMatching(new RegExp(`^rk_${key.id}_[A-Za-z0-9_-]{43}$`)) });
    expect(read.body).toEqual({ data: { assets: { totalCount: 0 } } });
    expect(write.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lists keys with their last use and never their secrets', async () => {
    const used = await createKey('tenant-list', ['read', 'scan'], 'used');
    const unused = await createKey('tenant-list', ['billing'], 'unused');
    await withKey(used.secret, '{ assets(first: 1) { totalCount } }');

    const { body } = await stack.graphql(LIST, { token: await stack.token('tenant-list', ['admin']) });
    const asSecret = await stack.graphql('{ apiKeys { id secret } }', { token: await stack.token('tenant-list', ['admin']) });

    expect(body.data).toEqual({
      apiKeys: [
        { id: used.id, name: 'used', scopes: ['read', 'scan'], createdAt: used.createdAt, lastUsedAt: expect.any(String), revokedAt: null },
        { id: unused.id, name: 'unused', scopes: ['billing'], createdAt: unused.createdAt, lastUsedAt: null, revokedAt: null },
      ],
    });
    expect(JSON.stringify(body)).not.toContain(used.secret.slice(`rk_${used.id}_`.length));
    expect(asSecret.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets only the admin permission manage keys', async () => {
    const readOnly = await createKey('tenant-admins', ['read', 'scan', 'fix', 'billing']);
    const admin = await createKey('tenant-admins', ['admin']);

    const byAnalyst = await stack.graphql(CREATE, { token: await stack.token('tenant-admins', ['analyst']), variables: { name: 'x', scopes: ['read'] } });
    const byReadKey = await withKey(readOnly.secret, LIST);
    const byAdminKey = await withKey(admin.secret, LIST);

    expect(byAnalyst.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(byReadKey.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((byAdminKey.body.data as { apiKeys: unknown[] }).apiKeys).toHaveLength(2);
  });

  it('refuses an unknown scope, naming it, and stores nothing', async () => {
    const token = await stack.token('tenant-scopes', ['admin']);

    const { body } = await stack.graphql(CREATE, { token, variables: { name: 'bad', scopes: ['read', 'root'] } });
    const listed = await stack.graphql(LIST, { token });

    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', details: { path: 'scopes[1]' } });
    expect(listed.body.data).toEqual({ apiKeys: [] });
  });

  it('stops a revoked key at once on HTTP and closes the WebSocket connections it opened', async () => {
    const key = await createKey('tenant-revoke', ['read']);
    const scanId = randomUUID();
    const progress = await ProgressStore.open(nats);
    await progress.put({ scanId, tenantId: 'tenant-revoke', kind: 'SCAN', status: 'RUNNING', total: 4, completed: 1, failed: 0, quotaConsumed: 1, updatedAt: new Date().toISOString() });
    const open = new SubscriptionProbe(stack.wsUrl, { 'x-api-key': key.secret }, WATCH, { scanId });
    probes.push(open);
    expect((await open.received(1))[0]).toEqual({ data: { scanProgress: { status: 'RUNNING', completed: 1 } } });

    const revoked = await stack.graphql(REVOKE, { token: await stack.token('tenant-revoke', ['admin']), variables: { id: key.id } });

    expect(revoked.body.data).toEqual({ revokeApiKey: { id: key.id, revokedAt: expect.any(String) } });
    expect(await open.closed()).toEqual({ code: 4403, reason: 'API key revoked' });
    const http = await withKey(key.secret, '{ assets(first: 1) { totalCount } }');
    expect(http.status).toBe(401);
    expect(http.body.errors?.[0]).toMatchObject({ message: 'API key revoked', extensions: { code: 'UNAUTHENTICATED' } });
    const reconnect = new SubscriptionProbe(stack.wsUrl, { 'x-api-key': key.secret }, WATCH, { scanId });
    probes.push(reconnect);
    expect(await reconnect.closed()).toEqual({ code: 4401, reason: 'API key revoked' });
  });

  it("answers NOT_FOUND when asked to revoke another tenant's key, which keeps working", async () => {
    const key = await createKey('tenant-victim', ['read']);

    const { body } = await stack.graphql(REVOKE, { token: await stack.token('tenant-attacker', ['admin']), variables: { id: key.id } });
    const stillWorks = await withKey(key.secret, '{ assets(first: 1) { totalCount } }');

    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(stillWorks.body.errors).toBeUndefined();
  });

  it('answers 429 with Retry-After once a key has spent its burst', async () => {
    const key = await createKey('tenant-busy', ['read']);

    // At once, so the bucket (5, refilling 1 a second) cannot refill between them however slow the machine is.
    const answers = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const response = await fetch(stack.urls.gateway, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': key.secret },
          body: JSON.stringify({ query: '{ assets(first: 1) { totalCount } }' }),
        });
        return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as unknown };
      }),
    );

    const allowed = answers.filter((answer) => answer.status === 200).length;
    expect(allowed).toBeGreaterThanOrEqual(5);
    expect(allowed).toBeLessThan(12);
    expect(answers.find((answer) => answer.status !== 200)).toEqual({
      status: 429,
      retryAfter: '1',
      body: { errors: [{ message: expect.stringContaining('Too many requests'), extensions: { code: 'TOO_MANY_REQUESTS', retryAfter: 1, scope: 'api_key' } }] },
    });
  });

  it("never writes a key's secret to the logs", async () => {
    const key = await createKey('tenant-logs', ['read']);
    const secretPart = key.secret.slice(`rk_${key.id}_`.length);
    await withKey(key.secret, '{ assets(first: 1) { totalCount } }');
    await withKey(`${key.secret.slice(0, -2)}xx`, '{ assets(first: 1) { totalCount } }');
    const probe = new SubscriptionProbe(stack.wsUrl, { 'x-api-key': key.secret }, WATCH, { scanId: randomUUID() });
    probes.push(probe);
    await probe.ended;
    const lastRequest = randomUUID();
    await stack.graphql(REVOKE, { token: await stack.token('tenant-logs', ['admin']), variables: { id: key.id }, headers: { 'x-request-id': lastRequest } });
    await stack.logged((line) => line.includes(lastRequest));

    const logs = stack.logs.join('\n');

    expect(logs).toContain(key.id);
    expect(logs).not.toContain(secretPart);
  });
});
