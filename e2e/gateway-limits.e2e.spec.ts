import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startE2EStack, type E2EStack } from './stack.fixture';
import { metricSum } from './metrics.reader';

const SUBGRAPH_CALLS = 'rampart_gateway_subgraph_requests_total';

/** 13 levels: assets → edges → node → checkResults → edges → node → asset → … → totalCount. */
const TOO_DEEP = `{ assets { edges { node { checkResults { edges { node { asset { checkResults { edges { node { asset {
  checkResults { totalCount } } } } } } } } } } } } }`;
/** `first` multiplies a field's cost: 500 × (2 + 1.5 × (2 + 1.5 × (2 + 1.5 × 3))) ≈ 9812 > 5000. */
const TOO_COSTLY = '{ assets(first: 500) { edges { node { id name product } } } }';

describe('gateway limits', () => {
  describe('with production limits', () => {
    let stack: E2EStack;
    let silentSubgraph: Server;

    beforeAll(async () => {
      // A billing subgraph that accepts requests and never answers, to show the gateway's fetch timeout.
      silentSubgraph = createServer(() => undefined);
      await new Promise<void>((resolve) => silentSubgraph.listen(0, '127.0.0.1', resolve));
      stack = await startE2EStack({
        deployables: ['assets', 'gateway'],
        env: {
          RATE_LIMIT_TENANT_BURST: '20',
          RATE_LIMIT_TENANT_PER_SECOND: '2',
          GATEWAY_BODY_LIMIT_BYTES: '65536',
          SUBGRAPH_TIMEOUT_MS: '1000',
          BILLING_URL: `http://127.0.0.1:${(silentSubgraph.address() as AddressInfo).port}/graphql`,
        },
      });
    }, 180_000);
    afterAll(async () => {
      await stack?.stop();
      silentSubgraph?.closeAllConnections();
      await new Promise((resolve) => silentSubgraph?.close(resolve));
    });

    const subgraphCalls = async () => metricSum(await stack.metrics(), SUBGRAPH_CALLS);

    it.each([
      ['an over-deep query', TOO_DEEP, /Query depth limit of 12 exceeded, found 13/],
      ['an over-costly query', TOO_COSTLY, /Query Cost limit of 5000 exceeded/],
      ['a query with more than 15 aliases', `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: assets { totalCount }`).join(' ')} }`, /Aliases limit of 15 exceeded/],
      ['a query of more than 2000 tokens', `{ assets { ${'totalCount '.repeat(2000)} } }`, /more that 2000 tokens/],
      ['a query with more than 20 directives', `{ assets { ${'totalCount @skip(if: false) '.repeat(21)} } }`, /Directives limit of 20 exceeded/],
    ])('refuses %s with BAD_USER_INPUT before any subgraph is called', async (_name, query, message) => {
      const token = await stack.token('tenant-limits', ['viewer']);
      const before = await subgraphCalls();

      const { status, body } = await stack.graphql(query, { token });

      expect(status).toBe(400);
      expect(body.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT' } });
      expect(await subgraphCalls()).toBe(before);
    });

    it('calls the subgraph for a query within the limits (the counter above does count)', async () => {
      const token = await stack.token('tenant-limits-ok', ['viewer']);
      const before = await subgraphCalls();

      const { body } = await stack.graphql('{ assets(first: 50) { edges { node { id name product } } } }', { token });

      expect(body.errors).toBeUndefined();
      expect(await subgraphCalls()).toBe(before + 1);
    });

    it('answers 429 with Retry-After once a tenant has spent its burst, whatever its credentials', async () => {
      const tokens = [await stack.token('tenant-flood', ['viewer']), await stack.token('tenant-flood', ['admin'])];

      // At once, so the bucket (20, refilling 2 a second) cannot refill between them however slow the machine is.
      const answers = await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const response = await fetch(stack.urls.gateway, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % 2]}` },
            body: JSON.stringify({ query: '{ assets(first: 1) { totalCount } }' }),
          });
          const body = (await response.json()) as { errors?: Array<{ extensions?: Record<string, unknown> }> };
          return { status: response.status, retryAfter: response.headers.get('retry-after'), code: body.errors?.[0]?.extensions?.code };
        }),
      );
      const other = await stack.graphql('{ assets(first: 1) { totalCount } }', { token: await stack.token('tenant-calm', ['viewer']) });

      const allowed = answers.filter((answer) => answer.status === 200).length;
      expect(allowed).toBeGreaterThanOrEqual(20);
      expect(allowed).toBeLessThan(40);
      expect(answers.find((answer) => answer.status !== 200)).toEqual({ status: 429, retryAfter: expect.stringMatching(/^[1-9]\d*$/), code: 'TOO_MANY_REQUESTS' });
      expect(other.status).toBe(200);
    });

    it('refuses a body over the configured limit with 413', async () => {
      const { status, body } = await stack.graphql(`{ assets { totalCount } } # ${'x'.repeat(70_000)}`, { token: await stack.token('tenant-big') });

      expect(status).toBe(413);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('gives up on a subgraph that does not answer within its timeout, without internals', async () => {
      const started = Date.now();

      const { body } = await stack.graphql('{ billingAccount { edition } }', { token: await stack.token('tenant-slow') });

      expect(Date.now() - started).toBeLessThan(5000);
      expect(body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(body.errors?.[0]?.message).toBe('Internal server error');
      expect(metricSum(await stack.metrics(), SUBGRAPH_CALLS, { subgraph: 'billing', outcome: 'timeout' })).toBeGreaterThanOrEqual(1);
    });
  });

  describe('in production', () => {
    let stack: E2EStack;

    beforeAll(async () => {
      stack = await startE2EStack({
        deployables: ['gateway'],
        env: { NODE_ENV: 'production', API_KEY_PEPPER: 'an-e2e-pepper-of-at-least-thirty-two-characters' },
      });
    }, 180_000);
    afterAll(async () => {
      await stack?.stop();
    });

    it('hides field suggestions', async () => {
      const { body } = await stack.graphql('{ asets { totalCount } }', { token: await stack.token('tenant-prod') });

      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message).not.toMatch(/Did you mean/);
    });

    it('refuses introspection', async () => {
      const { body } = await stack.graphql('{ __schema { types { name } } }', { token: await stack.token('tenant-prod') });

      expect(body.data).toBeUndefined();
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('serves no GraphiQL', async () => {
      const response = await fetch(stack.urls.gateway.replace(/\/graphql$/, '/graphiql'));

      expect(response.status).toBe(404);
    });
  });
});
