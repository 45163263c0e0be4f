/**
 * First page of `assets` for a tenant holding 1,000,000 assets (plus a neighbour tenant), through the assets
 * subgraph's GraphQL endpoint: p50/p99 with and without `totalCount`, unfiltered and filtered by product.
 * Rows are bulk-inserted with SQL generate_series into a throw-away test database. Run:
 *   node -r @swc-node/register bench/assets-query.bench.ts [--rows 1000000] [--runs 200] [--explain]
 * `--explain` first prints the plans of the page and count queries as the app role sees them (RLS on).
 */
import { Client } from 'pg';
import { signInternalIdentity } from '@rampart/platform';
import { dropTestDatabase, testPlatformConfig, TEST_INTERNAL_SECRET } from '@rampart/testing';
import { startAssetsSubgraph } from '../services/assets/src/assets.subgraph';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const ROWS = arg('--rows', 1_000_000);
const RUNS = arg('--runs', 200);

const QUERIES: Record<string, string> = {
  'first page, no totalCount': '{ assets(first: 50) { edges { node { id name } } pageInfo { hasNextPage endCursor } } }',
  'first page with totalCount': '{ assets(first: 50) { totalCount edges { node { id name } } pageInfo { hasNextPage endCursor } } }',
  'product=ECS page, no totalCount': '{ assets(first: 50, filter: { product: "ECS" }) { edges { node { id name } } } }',
  'product=ECS page with totalCount': '{ assets(first: 50, filter: { product: "ECS" }) { totalCount edges { node { id name } } } }',
};

async function main(): Promise<void> {
  const config = { ...testPlatformConfig('assets', { logLevel: 'warn' }), importMaxBytes: 50_000_000, importMaxCalls: 100_000 };
  const subgraph = await startAssetsSubgraph(config);
  const admin = new Client({ connectionString: config.databaseUrl.replace(/\/[^/]*$/, `/${config.databaseName}`) });
  await admin.connect();
  try {
    const started = Date.now();
    for (const [tenant, rows] of [['bench', ROWS], ['neighbour', Math.round(ROWS / 10)]] as const) {
      await admin.query(
        `INSERT INTO assets (tenant_id, id, provider, account_id, region, product, resource_type, resource_id, name, configuration, internet_exposed, content_hash)
         SELECT $1, 'acs:ecs:cn-hangzhou:1234567890123456:instance/i-' || lpad(g::text, 10, '0'), 'alibaba', '1234567890123456',
                (ARRAY['cn-hangzhou','cn-shanghai','cn-beijing'])[1 + g % 3], (ARRAY['ECS','OSS','RAM','VPC','RDS'])[1 + g % 5],
                'ALIYUN::ECS::Instance', 'i-' || g, 'asset-' || g, jsonb_build_object('n', g), g % 7 = 0, md5(g::text)
         FROM generate_series(1, $2::int) AS g`,
        [tenant, rows],
      );
    }
    await admin.query('ANALYZE assets');
    process.stdout.write(`inserted ${ROWS} + ${Math.round(ROWS / 10)} rows in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

    if (process.argv.includes('--explain')) {
      for (const sql of [
        'SELECT id, name, configuration FROM assets ORDER BY id LIMIT 51',
        "SELECT id, name, configuration FROM assets WHERE product = 'ECS' ORDER BY id LIMIT 51",
        "SELECT n FROM asset_counts WHERE dimension = 'all' AND value = ''",
      ]) {
        const plan = (await subgraph.database.run('bench', (m) => m.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`))) as Array<{ 'QUERY PLAN': string }>;
        process.stdout.write(`${sql}\n${plan.map((row) => `  ${row['QUERY PLAN']}`).join('\n')}\n`);
      }
    }
    for (const [name, query] of Object.entries(QUERIES)) {
      // Forwarded identities are short-lived: a fresh one per series.
      const token = await signInternalIdentity({ subject: 'bench', tenantId: 'bench', roles: ['viewer'], permissions: ['read'], via: 'jwt' }, TEST_INTERNAL_SECRET);
      const times: number[] = [];
      for (let run = 0; run < RUNS + 5; run++) {
        const t0 = process.hrtime.bigint();
        const response = await fetch(subgraph.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-rampart-identity': token },
          body: JSON.stringify({ query }),
        });
        const body = (await response.json()) as { errors?: unknown[] };
        if (body.errors) throw new Error(JSON.stringify(body.errors));
        if (run >= 5) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      times.sort((a, b) => a - b);
      const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
      process.stdout.write(`${name.padEnd(34)} p50 ${at(0.5)} ms  p99 ${at(0.99)} ms  (${RUNS} runs)\n`);
    }
  } finally {
    await admin.end();
    await subgraph.close();
    await dropTestDatabase(config);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
