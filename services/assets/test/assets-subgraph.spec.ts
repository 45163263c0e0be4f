import { signInternalIdentity, type RunningSubgraph } from '@rampart/platform';
import { dropTestDatabase, testPlatformConfig, TEST_INTERNAL_SECRET } from '@rampart/testing';
import { startAssetsSubgraph } from '../src/assets.subgraph';
import type { AssetsConfig } from '../src/config';

describe('assets subgraph', () => {
  const config: AssetsConfig = { ...testPlatformConfig('assets'), importMaxBytes: 10_000_000, importMaxCalls: 100_000 };
  let subgraph: RunningSubgraph;

  beforeAll(async () => {
    subgraph = await startAssetsSubgraph(config);
  });
  afterAll(async () => {
    await subgraph?.close();
    await dropTestDatabase(config);
  });

  async function post(query: string, headers: Record<string, string> = {}) {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  }

  it('answers UNAUTHENTICATED when called directly without a forwarded identity', async () => {
    const body = await post('{ assets { totalCount } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.data ?? null).toBeNull();
  });

  it('serves an empty inventory to a new tenant', async () => {
    const token = await signInternalIdentity(
      { subject: 'u1', tenantId: 'tenant-a', roles: ['viewer'], permissions: ['read'], via: 'jwt' },
      TEST_INTERNAL_SECRET,
    );
    const body = await post('{ assets { totalCount edges { node { id } } } }', { 'x-rampart-identity': token });
    expect(body).toEqual({ data: { assets: { totalCount: 0, edges: [] } } });
  });
});
