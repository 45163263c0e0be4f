import { signInternalIdentity } from '@rampart/platform';
import { startE2EStack, type E2EStack } from './stack.fixture';

describe('the federated API through the gateway', () => {
  let stack: E2EStack;

  beforeAll(async () => {
    stack = await startE2EStack();
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers one query that touches all five subgraphs', async () => {
    const token = await stack.token('tenant-fed');
    const { body } = await stack.graphql(
      `{
        billingAccount { edition model quota { remaining } }
        baselineCheckItems { id }
        assets(first: 5) { totalCount edges { node { id checkResults { totalCount } attackPaths { totalCount } } } }
      }`,
      { token },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      billingAccount: { edition: 'BASIC', model: 'NONE', quota: { remaining: 0 } },
      baselineCheckItems: expect.any(Array),
      assets: { totalCount: 0, edges: [] },
    });
  });

  it('refuses a request without a bearer token with UNAUTHENTICATED', async () => {
    const { status, body } = await stack.graphql('{ assets { totalCount } }');
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token signed with another secret', async () => {
    const forged =
      'eyJhbGciOiJIUzI1NiJ9.eyJ0aWQiOiJ0ZW5hbnQtZmVkIiwicm9sZXMiOlsiYWRtaW4iXSwic3ViIjoieCIsImV4cCI6NDEwMjQ0NDgwMH0.' +
      'c2lnbmF0dXJlLWZyb20tYW5vdGhlci1zZWNyZXQ';
    const { body } = await stack.graphql('{ assets { totalCount } }', { token: forged });
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('ignores an identity header sent by the client and uses the verified token', async () => {
    const token = await stack.token('tenant-honest', ['viewer']);
    const smuggled = await signInternalIdentity(
      { subject: 'mallory', tenantId: 'tenant-victim', roles: ['admin'], permissions: ['read', 'scan', 'fix', 'billing', 'admin'], via: 'jwt' },
      'guessed-secret',
    );
    const { body } = await stack.graphql('{ billingAccount { edition } }', { token, headers: { 'x-rampart-identity': smuggled } });
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ billingAccount: { edition: 'BASIC' } });
  });

  it('has every subgraph refuse a direct call without the forwarded identity', async () => {
    for (const name of ['assets', 'config-checks', 'baseline-checks', 'attack-paths', 'billing'] as const) {
      const { body } = await stack.graphql('{ _service { sdl } }', { url: stack.urls[name] });
      expect({ name, code: body.errors?.[0]?.extensions?.code }).toEqual({ name, code: 'UNAUTHENTICATED' });
    }
  });

  it('maps a malformed query to BAD_USER_INPUT without internals', async () => {
    const token = await stack.token('tenant-fed');
    // 501 passes the gateway's cost limit (100000 would not) and reaches the subgraph's own page-size check.
    const { body } = await stack.graphql('{ assets(first: 501) { totalCount } }', { token });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.extensions?.details).toEqual({ path: 'first' });
  });

  it('serves GraphiQL and its scripts from local files in development', async () => {
    const base = stack.urls.gateway.replace(/\/graphql$/, '');
    const page = await fetch(`${base}/graphiql`);
    const html = await page.text();
    expect(page.status).toBe(200);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      expect(asset.startsWith('/graphiql/assets/')).toBe(true);
      const response = await fetch(`${base}${asset}`);
      expect({ asset, status: response.status }).toEqual({ asset, status: 200 });
    }
  });

  it('lets an admin buy a subscription and shows its quota; a viewer may not buy', async () => {
    const admin = await stack.token('tenant-buyer', ['admin']);
    const bought = await stack.graphql(
      'mutation { purchaseSubscription(input: { edition: "ENTERPRISE", cspmQuota: 500, months: 12 }) { edition model quota { purchased remaining } } }',
      { token: admin },
    );
    expect(bought.body.errors).toBeUndefined();
    expect(bought.body.data).toEqual({
      purchaseSubscription: { edition: 'ENTERPRISE', model: 'SUBSCRIPTION', quota: { purchased: 500, remaining: 500 } },
    });
    const viewer = await stack.token('tenant-buyer', ['viewer']);
    const refused = await stack.graphql('mutation { startTrial { edition } }', { token: viewer });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const switched = await stack.graphql('mutation { activatePayAsYouGo { model } }', { token: admin });
    expect(switched.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('names the offending field of a bad purchase', async () => {
    const admin = await stack.token('tenant-badbuy', ['admin']);
    const { body } = await stack.graphql('mutation { purchaseSubscription(input: { edition: "ENTERPRISE", months: 0 }) { edition } }', { token: admin });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { path: 'input.months' } });
  });
});
