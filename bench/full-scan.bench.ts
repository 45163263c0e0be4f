/**
 * A full scan of a generated inventory with the whole catalogue, end to end: billing and config-checks run as their
 * own processes (as `npm start` runs them), the tenant is on pay-as-you-go through billing's GraphQL API, the
 * normalised assets are loaded into config-checks' asset replica (the table the `assets.asset.changed.v1` consumer
 * fills), and `startScan` goes through the config-checks subgraph. Watches every write to the `scan_progress` KV key
 * and prints the time until the task completed and until every result event was on the stream, the results persisted,
 * the events published, and the progress update rate (updates/s per second of the scan: min and mean; the longest
 * gap between two updates). Run:
 *   node --max-old-space-size=6144 -r @swc-node/register bench/full-scan.bench.ts [--assets 100000]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { Asset } from '@rampart/asset-model';
import { EVENTS, PROGRESS_BUCKET } from '@rampart/contracts';
import type { TaskProgress } from '@rampart/messaging';
import { signInternalIdentity } from '@rampart/platform';
import { startPrivateNats, TEST_DATABASE_URL } from '@rampart/testing';
import { parseSnapshot } from '../services/assets/src/inventory/validate-snapshot';
import { normaliseSnapshot } from '../services/assets/src/inventory/normalise-snapshot';
import { freePorts, startStack } from '../tools/stack';

const assetsArg = process.argv.indexOf('--assets');
const ASSETS = assetsArg > 0 ? Number(process.argv[assetsArg + 1]) : 100_000;
const TENANT = 'bench-scan';
const SECRET = 'bench-full-scan-internal-secret';
const TERMINAL = ['COMPLETED', 'STOPPED_QUOTA_EXHAUSTED', 'FAILED', 'CANCELLED'];
const REPLICA_CHUNK = 5_000;

function inventory(): Asset[] {
  const file = join('/tmp', `rampart-inventory-${ASSETS}-seed1.json`);
  if (!existsSync(file)) {
    execFileSync(process.execPath, [join(__dirname, 'generate-inventory.js'), '--assets', String(ASSETS), '--seed', '1', '--out', file], { stdio: 'inherit' });
  }
  return normaliseSnapshot(parseSnapshot(readFileSync(file), { maxBytes: 2 ** 31 - 1 })).assets;
}

async function loadReplica(databaseName: string, assets: Asset[]): Promise<void> {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${databaseName}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    for (let start = 0; start < assets.length; start += REPLICA_CHUNK) {
      const chunk = assets.slice(start, start + REPLICA_CHUNK);
      await client.query(
        `INSERT INTO asset_replica (tenant_id, id, account_id, resource_type, version, asset)
         SELECT $1, id, account_id, resource_type, 1, asset FROM unnest($2::text[], $3::text[], $4::text[], $5::jsonb[]) AS t(id, account_id, resource_type, asset)`,
        [TENANT, chunk.map((a) => a.id), chunk.map((a) => a.accountId), chunk.map((a) => a.resourceType), chunk.map((a) => JSON.stringify(a))],
      );
    }
    await client.query('ANALYZE asset_replica');
  } finally {
    await client.end();
  }
}

async function graphql<T>(url: string, query: string): Promise<T> {
  const token = await signInternalIdentity(
    { subject: 'bench', tenantId: TENANT, roles: ['admin'], permissions: ['read', 'scan', 'billing'], via: 'jwt' },
    SECRET,
  );
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-rampart-identity': token }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Updates per one-second window of [from, to], and the longest gap between consecutive updates (from `from`). */
function rates(times: number[], from: number, to: number): { min: number; mean: number; maxGapMs: number } {
  const windows = Math.max(1, Math.floor((to - from) / 1000));
  const perWindow = new Array<number>(windows).fill(0);
  for (const t of times) perWindow[Math.min(windows - 1, Math.floor((t - from) / 1000))]++;
  let maxGapMs = 0;
  let previous = from;
  for (const t of [...times, to]) {
    maxGapMs = Math.max(maxGapMs, t - previous);
    previous = t;
  }
  return { min: Math.min(...perWindow), mean: times.length / ((to - from) / 1000), maxGapMs };
}

async function main(): Promise<void> {
  let t = Date.now();
  const assets = inventory();
  console.log(`inventory: ${assets.length} assets normalised in ${Date.now() - t} ms`);
  const nats = await startPrivateNats();
  const suffix = Date.now().toString(36);
  const databaseOf = (name: string) => `rampart_${name.replace(/-/g, '_')}_bench_${suffix}`;
  const [billingPort, checksPort] = await freePorts(2);
  const stack = await startStack({
    deployables: ['billing', 'config-checks'],
    env: { DATABASE_URL: TEST_DATABASE_URL, NATS_URL: nats.url, INTERNAL_AUTH_SECRET: SECRET, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', NODE_ENV: 'test' },
    envFor: (name) => ({ DATABASE_NAME: databaseOf(name), NODE_OPTIONS: '--max-old-space-size=4096' }),
    portFor: (name) => (name === 'billing' ? billingPort : checksPort),
  });
  const client = await connect({ servers: nats.url });
  try {
    await graphql(stack.urls.billing, 'mutation { activatePayAsYouGo { model } }');
    t = Date.now();
    await loadReplica(databaseOf('config-checks'), assets);
    console.log(`replica: ${assets.length} assets loaded in ${Date.now() - t} ms`);

    const updates: Array<{ at: number; progress: TaskProgress }> = [];
    let done: (progress: TaskProgress) => void = () => undefined;
    const finished = new Promise<TaskProgress>((resolve) => (done = resolve));
    client.subscribe(`$KV.${PROGRESS_BUCKET}.${TENANT}.*`, {
      callback: (_error, message) => {
        const progress = message.json<TaskProgress>();
        updates.push({ at: Date.now(), progress });
        if (TERMINAL.includes(progress.status)) done(progress);
      },
    });
    const jsm = await jetstreamManager(client);
    const eventsOnStream = async () =>
      (await jsm.streams.info('CONFIG_CHECKS', { subjects_filter: EVENTS.resultChanged.subject })).state.subjects?.[EVENTS.resultChanged.subject] ?? 0;

    const started = Date.now();
    const { startScan } = await graphql<{ startScan: { id: string; total: number } }>(stack.urls['config-checks'], 'mutation { startScan(input: {}) { id total } }');
    const answered = Date.now();
    const final = await finished;
    const completed = Date.now();
    let published = await eventsOnStream();
    while (published < final.completed) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      published = await eventsOnStream();
    }
    const eventsDone = Date.now();
    const { checkResults } = await graphql<{ checkResults: { totalCount: number } }>(stack.urls['config-checks'], '{ checkResults(first: 0) { totalCount } }');

    const times = updates.map((u) => u.at);
    const { min, mean, maxGapMs } = rates(times, started, completed);
    console.log(`scan ${startScan.id}: ${startScan.total} evaluations planned; startScan answered in ${answered - started} ms`);
    console.log(`status ${final.status}: ${final.completed} evaluations, ${final.failed} failing, ${final.quotaConsumed} units charged`);
    console.log(`total time to ${final.status}: ${((completed - started) / 1000).toFixed(1)} s; every result event on the stream: ${((eventsDone - started) / 1000).toFixed(1)} s`);
    console.log(`results persisted: ${checkResults.totalCount}; result events published: ${published}`);
    console.log(`progress: ${updates.length} updates; updates/s min ${min} mean ${mean.toFixed(1)}; max gap ${maxGapMs} ms (from the startScan request)`);
    const firstBatch = updates.find((u) => u.progress.completed > 0)?.at ?? completed;
    const steady = rates(times.filter((at) => at >= firstBatch), firstBatch, completed);
    console.log(`from the first batch on: updates/s min ${steady.min} mean ${steady.mean.toFixed(1)}; max gap ${steady.maxGapMs} ms`);
    console.log(`first updates at +${times.slice(0, 3).map((at) => at - started).join(', +')} ms`);
    console.log(`load: ${execFileSync('uptime').toString().trim()}`);
  } finally {
    await client.drain();
    await stack.stop();
    await nats.stop();
    const admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    for (const name of ['billing', 'config-checks']) await admin.query(`DROP DATABASE IF EXISTS "${databaseOf(name)}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
