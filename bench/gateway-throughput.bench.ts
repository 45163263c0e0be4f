/**
 * Requests per second and p99 latency of a small federated query through the gateway, against the
 * same data asked directly of one subgraph (with a forwarded identity). Run:
 *   node -r @swc-node/register bench/gateway-throughput.bench.ts [--seconds 10] [--connections 20]
 */
import autocannon from 'autocannon';
import { signInternalIdentity } from '@rampart/platform';
import { startE2EStack } from '../e2e/stack.fixture';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};

async function measure(title: string, url: string, headers: Record<string, string>, query: string) {
  const seconds = arg('seconds', 10);
  const connections = arg('connections', 20);
  // Warm up (JIT, pools, query plans) before measuring.
  await autocannon({ url, method: 'POST', headers, body: JSON.stringify({ query }), connections, duration: 2 });
  const result = await autocannon({ url, method: 'POST', headers, body: JSON.stringify({ query }), connections, duration: seconds });
  const line = `${title.padEnd(34)} ${result.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(result.latency.p50).padStart(4)} ms   p99 ${String(result.latency.p99).padStart(4)} ms   errors ${result.errors + result.non2xx}`;
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  const stack = await startE2EStack();
  try {
    const token = await stack.token('bench-tenant', ['viewer']);
    const forwarded = await signInternalIdentity(
      { subject: 'bench', tenantId: 'bench-tenant', roles: ['viewer'], permissions: ['read'], via: 'jwt' },
      stack.internalSecret,
    );
    const json = { 'content-type': 'application/json' };
    await measure('direct to assets subgraph', stack.urls.assets, { ...json, 'x-rampart-identity': forwarded },
      '{ assets(first: 5) { totalCount edges { node { id name } } } }');
    await measure('through gateway (1 subgraph)', stack.urls.gateway, { ...json, authorization: `Bearer ${token}` },
      '{ assets(first: 5) { totalCount edges { node { id name } } } }');
    await measure('through gateway (3 subgraphs)', stack.urls.gateway, { ...json, authorization: `Bearer ${token}` },
      '{ billingAccount { edition } baselineCheckItems { id } assets(first: 5) { totalCount edges { node { id name } } } }');
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
