/**
 * Import of a generated snapshot end to end through the assets subgraph's GraphQL endpoint: parse,
 * validate, normalise, persist, and every asset event published to JetStream by the outbox relay.
 * Prints the time until the import committed, until every event was published, and the peak RSS of the process
 * (subgraph and client share it). The file is streamed: as the `importInventory` GraphQL request, or with `--upload`
 * (automatic above 256 MiB, e.g. 1,000,000 assets) as the body of `POST /imports/inventory`. Run:
 *   node --max-old-space-size=8192 -r @swc-node/register bench/import-inventory.bench.ts [--assets 100000] [--upload]
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { signInternalIdentity } from '@rampart/platform';
import { dropTestDatabase, testPlatformConfig, TEST_INTERNAL_SECRET } from '@rampart/testing';
import { startPrivateNats } from '@rampart/testing';
import { startAssetsSubgraph } from '../services/assets/src/assets.subgraph';
import { GRAPHQL_IMPORT_MAX_BYTES } from '../cli/src/commands/import.command';

const assetsArg = process.argv.indexOf('--assets');
const ASSETS = assetsArg > 0 ? Number(process.argv[assetsArg + 1]) : 100_000;

async function main(): Promise<void> {
  const file = join('/tmp', `rampart-inventory-${ASSETS}-seed1.json`);
  if (!existsSync(file)) {
    execFileSync(process.execPath, [join(__dirname, 'generate-inventory.js'), '--assets', String(ASSETS), '--seed', '1', '--out', file], { stdio: 'inherit' });
  }
  const nats = await startPrivateNats();
  const bytes = statSync(file).size;
  const upload = process.argv.includes('--upload') || bytes > GRAPHQL_IMPORT_MAX_BYTES;
  const config = {
    ...testPlatformConfig('assets', { natsUrl: nats.url, logLevel: process.env.LOG_LEVEL ?? 'warn' }),
    importMaxBytes: Math.max(600 * 1024 * 1024, bytes),
    importMaxCalls: 3_000_000,
  };
  const subgraph = await startAssetsSubgraph(config);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  try {
    const token = await signInternalIdentity({ subject: 'bench', tenantId: 'bench', roles: ['analyst'], permissions: ['read', 'scan'], via: 'jwt' }, TEST_INTERNAL_SECRET);
    async function* graphqlBody(): AsyncGenerator<Buffer> {
      yield Buffer.from('{"query":"mutation ($s: JSON!) { importInventory(snapshot: $s) { assetsCreated status } }","variables":{"s":');
      for await (const chunk of createReadStream(file)) yield chunk as Buffer;
      yield Buffer.from('}}');
    }
    const started = Date.now();
    const response = await fetch(upload ? new URL('/imports/inventory', subgraph.url) : subgraph.url, {
      method: 'POST',
      headers: { 'content-type': upload ? 'application/octet-stream' : 'application/json', 'x-rampart-identity': token },
      body: Readable.toWeb(upload ? createReadStream(file) : Readable.from(graphqlBody())) as ReadableStream<Uint8Array>,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    const body = (await response.json()) as { data?: { importInventory: { assetsCreated: number } }; errors?: unknown };
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    const imported = Date.now() - started;
    // Wait until the relay has published every event of the import, or set it aside (over NATS max_payload).
    let setAside = 0;
    for (;;) {
      const [counts] = (await subgraph.database.runUnscoped((m) =>
        m.query('SELECT count(*) FILTER (WHERE attempts < 5)::int AS waiting, count(*) FILTER (WHERE attempts >= 5)::int AS aside FROM outbox WHERE published_at IS NULL'),
      )) as Array<{ waiting: number; aside: number }>;
      setAside = counts.aside;
      if (counts.waiting === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const total = Date.now() - started;
    process.stdout.write(
      `import of ${body.data.importInventory.assetsCreated} assets (${(bytes / 1048576).toFixed(0)} MiB, ${upload ? 'upload' : 'GraphQL'}): ` +
        `committed in ${(imported / 1000).toFixed(1)} s, all events published in ${(total / 1000).toFixed(1)} s, peak RSS ${(peakRss / 1048576).toFixed(0)} MiB` +
        `${setAside > 0 ? `, ${setAside} events set aside (over NATS max_payload)` : ''}\n`,
    );
  } finally {
    clearInterval(sampler);
    await subgraph.close();
    await dropTestDatabase(config);
    await nats.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
