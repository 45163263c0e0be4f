/**
 * Import of a generated snapshot end to end through the assets subgraph's GraphQL endpoint: parse,
 * validate, normalise, persist, and every asset event published to JetStream by the outbox relay.
 * Prints wall time and the peak RSS of the process (subgraph and client share it). Run:
 *   node -r @swc-node/register bench/import-inventory.bench.ts [--assets 100000]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signInternalIdentity } from '@rampart/platform';
import { dropTestDatabase, testPlatformConfig, TEST_INTERNAL_SECRET } from '@rampart/testing';
import { startPrivateNats } from '@rampart/testing';
import { startAssetsSubgraph } from '../services/assets/src/assets.subgraph';

const assetsArg = process.argv.indexOf('--assets');
const ASSETS = assetsArg > 0 ? Number(process.argv[assetsArg + 1]) : 100_000;

async function main(): Promise<void> {
  const file = join('/tmp', `rampart-inventory-${ASSETS}-seed1.json`);
  if (!existsSync(file)) {
    execFileSync(process.execPath, [join(__dirname, 'generate-inventory.js'), '--assets', String(ASSETS), '--seed', '1', '--out', file], { stdio: 'inherit' });
  }
  const nats = await startPrivateNats();
  const config = { ...testPlatformConfig('assets', { natsUrl: nats.url, logLevel: process.env.LOG_LEVEL ?? 'warn' }), importMaxBytes: 600 * 1024 * 1024, importMaxCalls: 3_000_000 };
  const subgraph = await startAssetsSubgraph(config);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  try {
    const token = await signInternalIdentity({ subject: 'bench', tenantId: 'bench', roles: ['analyst'], permissions: ['read', 'scan'], via: 'jwt' }, TEST_INTERNAL_SECRET);
    const snapshot = readFileSync(file, 'utf8');
    const started = Date.now();
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rampart-identity': token },
      body: `{"query":"mutation ($s: JSON!) { importInventory(snapshot: $s) { assetsCreated status } }","variables":{"s":${snapshot}}}`,
    });
    const body = (await response.json()) as { data?: { importInventory: { assetsCreated: number } }; errors?: unknown };
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    const imported = Date.now() - started;
    // Wait until the relay has published every event of the import.
    for (;;) {
      const [{ n }] = (await subgraph.database.runUnscoped((m) => m.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL'))) as Array<{ n: number }>;
      if (n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const total = Date.now() - started;
    process.stdout.write(
      `import of ${body.data.importInventory.assetsCreated} assets (${(snapshot.length / 1048576).toFixed(0)} MiB): ` +
        `committed in ${(imported / 1000).toFixed(1)} s, all events published in ${(total / 1000).toFixed(1)} s, peak RSS ${(peakRss / 1048576).toFixed(0)} MiB\n`,
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
