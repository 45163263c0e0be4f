/**
 * Requests per second and p99 latency of a small federated query through the gateway, against the
 * same data asked directly of one subgraph (with a forwarded identity), twice: with the gateway's limits
 * (graphql-armor rules, token limit, Postgres-backed rate limits with buckets too large to refuse) and
 * OpenTelemetry tracing exported over OTLP/HTTP to a local collector that discards, and with both off
 * (GATEWAY_LIMITS=off, OTEL_SDK_DISABLED=true). Run:
 *   node -r @swc-node/register bench/gateway-throughput.bench.ts [--seconds 10] [--connections 20] [--split]
 * `--split` also measures limits alone, tracing alone, and both with 10 % of traces sampled.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
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

/** An OTLP/HTTP endpoint that accepts and drops everything, so exporting costs what it costs in production. */
async function discardingCollector(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function run(label: string, env: Record<string, string>): Promise<void> {
  process.stdout.write(`\n${label} (load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
  const stack = await startE2EStack({ env: { LOG_LEVEL: 'warn', ...env } });
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

async function main(): Promise<void> {
  process.stdout.write(`machine: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
  const collector = await discardingCollector();
  const limitsOff = { GATEWAY_LIMITS: 'off' };
  const limitsOn = { RATE_LIMIT_TENANT_BURST: '100000000', RATE_LIMIT_TENANT_PER_SECOND: '100000000' };
  const tracingOff = { OTEL_SDK_DISABLED: 'true' };
  const tracingOn = { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint };
  try {
    await run('limits and tracing off', { ...limitsOff, ...tracingOff });
    if (process.argv.includes('--split')) {
      await run('limits on, tracing off', { ...limitsOn, ...tracingOff });
      await run('limits off, tracing on', { ...limitsOff, ...tracingOn });
      await run('limits on, tracing on, 10 % sampled', { ...limitsOn, ...tracingOn, OTEL_TRACES_SAMPLER_ARG: '0.1' });
    }
    await run('limits and tracing on', { ...limitsOn, ...tracingOn });
  } finally {
    await collector.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
