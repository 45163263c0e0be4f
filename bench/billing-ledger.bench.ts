// Quota ledger throughput and latency on the real Postgres and NATS.
// Run: node bench/billing-ledger.bench.mjs   (env: BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_TENANTS)
import { performance } from 'node:perf_hooks';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import { provisionDatabase, TenantDatabase, withDatabase } from '@rampart/platform';
import { dropTestDatabase, testPlatformConfig, TEST_NATS_URL } from '@rampart/testing';
import { BillingAccountsService } from '../services/billing/src/accounts/billing-accounts.service';
import { billingMigrations } from '../services/billing/src/database/migrations';
import { assertLedgerInvariants } from '../services/billing/src/ledger/ledger-invariants';
import { QuotaRequestHandler } from '../services/billing/src/quota/quota-request.handler';
import { QuotaService } from '../services/billing/src/quota/quota.service';
import { QuotaClient } from '../services/billing/test/support/quota-client';
import { uniqueSubjectPrefix } from '../services/billing/test/support/billing-test-database';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
// Each pool stays small: Postgres on the build machines is shared (max_connections 100).
const POOL = Number(process.env.BENCH_POOL ?? 10);
const TENANTS = Number(process.env.BENCH_TENANTS ?? 1000);
const BATCH = 50;

const usageOf = (taskId: string) =>
  Array.from({ length: BATCH }, (_, index) => ({ checkItemId: 'ecs-sg-open', assetId: `sg-${index}`, taskId }));

/** Runs `concurrency` loops of `step` for `seconds`; returns units per second. */
async function throughput(concurrency: number, seconds: number, step: (loop: number, iteration: number) => Promise<number>) {
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const units = await Promise.all(
    Array.from({ length: concurrency }, async (_, loop) => {
      let total = 0;
      for (let iteration = 0; performance.now() < deadline; iteration++) total += await step(loop, iteration);
      return total;
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const sum = units.reduce((a, b) => a + b, 0);
  return { units: sum, seconds: elapsed, perSecond: sum / elapsed };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function line(label: string, value: string): void {
  process.stdout.write(`${label.padEnd(62)} ${value}\n`);
}

/** How fast this machine's Postgres commits right now (other load skews every figure below). */
async function postgresBaseline(url: string): Promise<{ commitsPerSecond: number; roundTripsPerSecond: number }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE TABLE bench_probe (id int PRIMARY KEY, v bigint)');
    await client.query('INSERT INTO bench_probe VALUES (1, 0)');
    let started = performance.now();
    for (let i = 0; i < 300; i++) {
      await client.query('BEGIN');
      await client.query('UPDATE bench_probe SET v = v + 1 WHERE id = 1');
      await client.query('COMMIT');
    }
    const commitsPerSecond = 300 / ((performance.now() - started) / 1000);
    started = performance.now();
    for (let i = 0; i < 1000; i++) await client.query('SELECT 1');
    const roundTripsPerSecond = 1000 / ((performance.now() - started) / 1000);
    await client.query('DROP TABLE bench_probe');
    return { commitsPerSecond, roundTripsPerSecond };
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const config = testPlatformConfig('billing', { databaseName: `rampart_billing_bench_${process.pid}` });
  const dataSource = await provisionDatabase(config, billingMigrations, { poolSize: POOL });
  const handlerSource = await provisionDatabase(config, billingMigrations, { poolSize: POOL });
  const database = new TenantDatabase(dataSource);
  const accounts = new BillingAccountsService(database);
  const quota = new QuotaService(database);
  const prefix = uniqueSubjectPrefix();
  const handlerNats = await connect({ servers: TEST_NATS_URL });
  const handler = new QuotaRequestHandler(handlerNats, new TenantDatabase(handlerSource), { subjectPrefix: prefix, maxInFlight: 64 });
  handler.start();
  await handlerNats.flush();
  const clientNats = await Promise.all(Array.from({ length: CONCURRENCY }, () => connect({ servers: TEST_NATS_URL })));
  const clients = clientNats.map((nats) => new QuotaClient(nats, prefix));

  try {
    process.stdout.write(`billing ledger benchmark: ${SECONDS}s per phase, ${CONCURRENCY} concurrent callers, pools of ${POOL}, batches of ${BATCH}\n`);
    const baseline = await postgresBaseline(withDatabase(config.databaseUrl, config.databaseName));
    line('machine baseline: serial one-row commits/s, round trips/s', `${baseline.commitsPerSecond.toFixed(0)}, ${baseline.roundTripsPerSecond.toFixed(0)}`);

    // 1. One hot tenant: every call serialises on the same account row.
    const hot = 'bench-hot';
    await accounts.purchaseSubscription(hot, { edition: 'ENTERPRISE', cspmQuota: 100_000_000, months: 12 });
    const inProcess = await throughput(CONCURRENCY, SECONDS, async (loop, iteration) => {
      const id = `hot-${loop}-${iteration}`;
      const { granted } = await quota.reserve({ id, tenantId: hot, units: BATCH, operation: 'SCAN', taskId: id });
      const { posted } = await quota.post({ reservationId: id, tenantId: hot, units: granted, usage: usageOf(id) });
      return posted;
    });
    line('hot tenant, reserve+post in process (units/s)', inProcess.perSecond.toFixed(0));
    const overNats = await throughput(CONCURRENCY, SECONDS, async (loop, iteration) => {
      const id = `hot-nats-${loop}-${iteration}`;
      const reserved = await clients[loop].reserve({ id, tenantId: hot, units: BigInt(BATCH), operation: 'SCAN', taskId: id });
      const posted = await clients[loop].post({ reservationId: id, tenantId: hot, units: reserved.granted, usage: usageOf(id) });
      return Number(posted.posted);
    });
    line('hot tenant, reserve+post over NATS request/reply (units/s)', overNats.perSecond.toFixed(0));
    await assertLedgerInvariants(database, [hot]);

    // 2. Many tenants in parallel: rows no longer contend, the pool and the CPU do.
    const tenants = Array.from({ length: TENANTS }, (_, index) => `bench-t${index}`);
    const setupStarted = performance.now();
    for (let start = 0; start < tenants.length; start += CONCURRENCY * 4) {
      await Promise.all(
        tenants
          .slice(start, start + CONCURRENCY * 4)
          .map((tenantId) => accounts.purchaseSubscription(tenantId, { edition: 'ADVANCED', cspmQuota: 10_000_000, months: 12 })),
      );
    }
    line(`${TENANTS} tenants subscribed in (s)`, ((performance.now() - setupStarted) / 1000).toFixed(1));
    const spread = await throughput(CONCURRENCY, SECONDS, async (loop, iteration) => {
      const tenantId = tenants[(iteration * CONCURRENCY + loop) % tenants.length];
      const id = `many-${loop}-${iteration}`;
      const { granted } = await quota.reserve({ id, tenantId, units: BATCH, operation: 'SCAN', taskId: id });
      const { posted } = await quota.post({ reservationId: id, tenantId, units: granted, usage: usageOf(id) });
      return posted;
    });
    line(`${TENANTS} tenants, reserve+post in process (units/s)`, spread.perSecond.toFixed(0));
    const spreadNats = await throughput(CONCURRENCY, SECONDS, async (loop, iteration) => {
      const tenantId = tenants[(iteration * CONCURRENCY + loop) % tenants.length];
      const id = `many-nats-${loop}-${iteration}`;
      const reserved = await clients[loop].reserve({ id, tenantId, units: BigInt(BATCH), operation: 'SCAN', taskId: id });
      const posted = await clients[loop].post({ reservationId: id, tenantId, units: reserved.granted, usage: usageOf(id) });
      return Number(posted.posted);
    });
    line(`${TENANTS} tenants, reserve+post over NATS (units/s)`, spreadNats.perSecond.toFixed(0));
    await assertLedgerInvariants(database, tenants.slice(0, 20));

    // 3. Reservation round trip over NATS: alone, then with the other callers busy.
    for (const callers of [1, CONCURRENCY]) {
      const latencies: number[] = [];
      await throughput(callers, SECONDS / 2, async (loop, iteration) => {
        const id = `latency-${callers}-${loop}-${iteration}`;
        const started = performance.now();
        await clients[loop].reserve({ id, tenantId: tenants[(iteration * callers + loop) % tenants.length], units: 1n, operation: 'SCAN', taskId: id });
        latencies.push(performance.now() - started);
        return 1;
      });
      latencies.sort((a, b) => a - b);
      line(
        `reserve round trip over NATS, ${callers} caller(s): p50 / p99 / max (ms)`,
        `${percentile(latencies, 50).toFixed(2)} / ${percentile(latencies, 99).toFixed(2)} / ${latencies[latencies.length - 1].toFixed(2)}  (n=${latencies.length})`,
      );
    }
  } finally {
    await handler.stop();
    await Promise.all([handlerNats, ...clientNats].map((nats) => nats.close()));
    await dataSource.destroy();
    await handlerSource.destroy();
    await dropTestDatabase(config);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
