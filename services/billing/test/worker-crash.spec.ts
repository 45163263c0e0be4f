import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { REQUESTS } from '@rampart/contracts';
import { TEST_NATS_URL } from '@rampart/testing';
import { BillingAccountsService } from '../src/accounts/billing-accounts.service';
import { assertLedgerInvariants } from '../src/ledger/ledger-invariants';
import { QuotaRequestHandler } from '../src/quota/quota-request.handler';
import { QuotaService } from '../src/quota/quota.service';
import { ReservationSweeper } from '../src/quota/reservation-sweeper';
import { startBillingTestDatabase, TestClock, uniqueSubjectPrefix, uniqueTenant, type BillingTestDatabase } from './support/billing-test-database';
import type { ReplicaJob } from './support/crashing-billing-replica';
import type { WorkerJob, WorkerReport, WorkerStage } from './support/crashing-scan-worker';
import { QuotaClient } from './support/quota-client';

const REGISTER = join(__dirname, 'support', 'register-typescript.cjs');
const BATCH = 50;

/** A forked child with its reports and its exit, awaitable without polling. */
class Child<Report extends { stage: string }> {
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly reports: Report[] = [];
  private readonly waiters: Array<() => void> = [];

  constructor(readonly process: ChildProcess) {
    process.on('message', (message) => {
      this.reports.push(message as Report);
      this.waiters.splice(0).forEach((wake) => wake());
    });
    this.exited = new Promise((resolve) => process.on('exit', (code, signal) => resolve({ code, signal })));
    void this.exited.then(() => this.waiters.splice(0).forEach((wake) => wake()));
  }

  /** The first report at `stage`; fails if the child reports failure or exits first. */
  async report(stage: string): Promise<Report> {
    for (;;) {
      const found = this.reports.find((report) => report.stage === stage);
      if (found) return found;
      const failed = this.reports.find((report) => report.stage === 'failed');
      if (failed) throw new Error(`child failed: ${JSON.stringify(failed)}`);
      if (this.process.exitCode !== null || this.process.signalCode !== null) throw new Error(`child exited before ${stage}`);
      await new Promise<void>((wake) => this.waiters.push(wake));
    }
  }

  async kill(): Promise<void> {
    this.process.kill('SIGKILL');
    expect((await this.exited).signal).toBe('SIGKILL');
  }
}

const children: ChildProcess[] = [];

function forkScript<Report extends { stage: string }>(script: string, env: Record<string, string>): Child<Report> {
  const child = new Child<Report>(
    fork(join(__dirname, 'support', script), [], {
      execArgv: ['-r', REGISTER],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  children.push(child.process);
  return child;
}

describe('a crashed worker resuming with the same ids', () => {
  const prefix = uniqueSubjectPrefix();
  let db: BillingTestDatabase;
  let clock: TestClock;
  let nats: NatsConnection;
  let handler: QuotaRequestHandler;
  let accounts: BillingAccountsService;
  let stateDir: string;
  /** Runs inside the in-process billing handler after commit, before the reply. */
  let beforeReply: (subject: string) => Promise<void> = async () => undefined;
  const tenants: string[] = [];

  async function subscribedTenant(units: number): Promise<string> {
    const tenantId = uniqueTenant('crash');
    tenants.push(tenantId);
    await accounts.purchaseSubscription(tenantId, { edition: 'ENTERPRISE', cspmQuota: units, months: 12 });
    return tenantId;
  }

  function job(tenantId: string, name: string, extra: Partial<WorkerJob> = {}): WorkerJob {
    return {
      natsUrl: TEST_NATS_URL,
      subjectPrefix: prefix,
      tenantId,
      taskId: `task-${name}`,
      reservationId: `task-${name}/batch-0`,
      checkItemId: 'ecs-security-group-open',
      assetIds: Array.from({ length: BATCH }, (_, index) => `sg-${index}`),
      stateFile: join(stateDir, `${tenantId}-${name}.json`),
      ...extra,
    };
  }

  function startWorker(workerJob: WorkerJob): Child<WorkerReport> {
    return forkScript<WorkerReport>('crashing-scan-worker.ts', { WORKER_JOB: JSON.stringify(workerJob) });
  }

  async function usageRows(tenantId: string, taskId: string): Promise<string[]> {
    const rows: Array<{ asset_id: string }> = await db.database.run(tenantId, (manager) =>
      manager.query('SELECT asset_id FROM usage WHERE tenant_id = $1 AND task_id = $2 ORDER BY asset_id', [tenantId, taskId]),
    );
    return rows.map((row) => row.asset_id);
  }

  beforeAll(async () => {
    db = await startBillingTestDatabase(6);
    clock = new TestClock(new Date());
    accounts = new BillingAccountsService(db.database, { clock: clock.now });
    nats = await connect({ servers: TEST_NATS_URL });
    handler = new QuotaRequestHandler(nats, db.database, {
      subjectPrefix: prefix,
      clock: clock.now,
      beforeReply: (subject) => beforeReply(subject),
    });
    handler.start();
    await nats.flush();
    stateDir = mkdtempSync(join(tmpdir(), 'billing-crash-'));
  });
  afterEach(() => {
    beforeReply = async () => undefined;
    // A failed test must not leave a child waiting for its SIGKILL.
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  afterAll(async () => {
    await handler.stop();
    await nats.close();
    await assertLedgerInvariants(db.database, tenants);
    await db.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it.each<WorkerStage>(['reserved', 'evaluated', 'post-replied'])(
    'loses no unit and charges none twice when the worker is killed after %s',
    async (crashAt) => {
      const tenantId = await subscribedTenant(1000);
      const crashed = startWorker(job(tenantId, crashAt, { crashAt }));
      await crashed.report(crashAt);
      await crashed.kill();

      const resumed = startWorker(job(tenantId, crashAt));
      await expect(resumed.report('done')).resolves.toMatchObject({ granted: BATCH, posted: BATCH, released: 0 });
      await expect(usageRows(tenantId, `task-${crashAt}`)).resolves.toHaveLength(BATCH);
      await expect(accounts.billingAccount(tenantId)).resolves.toMatchObject({
        quota: { purchased: 1000, consumed: BATCH, reserved: 0, remaining: 1000 - BATCH },
      });
      await assertLedgerInvariants(db.database, [tenantId]);
    },
  );

  it.each([
    ['its reservation', REQUESTS.quotaReserve, 0],
    ['its post', REQUESTS.quotaPost, BATCH],
  ])('loses no unit and charges none twice when billing committed %s but the worker died before the reply', async (_, subject, charged) => {
    const tenantId = await subscribedTenant(1000);
    const name = `before-ack-${subject}`;
    let crashed: Child<WorkerReport> | undefined;
    const killedBeforeReply = new Promise<void>((resolve) => {
      beforeReply = async (repliedSubject) => {
        if (repliedSubject !== subject || !crashed) return;
        beforeReply = async () => undefined;
        await crashed.kill(); // the transaction committed; the reply would reach a dead worker
        resolve();
      };
    });
    crashed = startWorker(job(tenantId, name));
    await killedBeforeReply;
    await expect(accounts.billingAccount(tenantId)).resolves.toMatchObject({ quota: { consumed: charged, reserved: BATCH - charged } });

    const resumed = startWorker(job(tenantId, name));
    await expect(resumed.report('done')).resolves.toMatchObject({ granted: BATCH, posted: BATCH, released: 0 });
    await expect(usageRows(tenantId, `task-${name}`)).resolves.toHaveLength(BATCH);
    await expect(accounts.billingAccount(tenantId)).resolves.toMatchObject({ quota: { consumed: BATCH, reserved: 0, remaining: 1000 - BATCH } });
  });

  it('charges nothing twice when the resumed worker lost its reservation id, and the sweeper returns the abandoned units', async () => {
    const tenantId = await subscribedTenant(1000);
    const crashed = startWorker(job(tenantId, 'lost', { crashAt: 'evaluated' }));
    await crashed.report('evaluated');
    await crashed.kill();
    rmSync(job(tenantId, 'lost').stateFile); // its progress is gone too: it starts the batch over

    const resumed = startWorker(job(tenantId, 'lost', { reservationId: 'task-lost/batch-0/retry' }));
    await expect(resumed.report('done')).resolves.toMatchObject({ posted: BATCH });
    await expect(accounts.billingAccount(tenantId)).resolves.toMatchObject({ quota: { consumed: BATCH, reserved: BATCH } });

    // A second worker that also starts over posts the same evaluations: the usage key refuses them.
    const again = startWorker(job(tenantId, 'lost-again', { taskId: 'task-lost', reservationId: 'task-lost/batch-0/again' }));
    await expect(again.report('done')).resolves.toMatchObject({ posted: 0, released: BATCH });

    clock.advance(601_000);
    await expect(new ReservationSweeper(db.database, { clock: clock.now }).sweepOnce()).resolves.toBeGreaterThanOrEqual(1);
    await expect(accounts.billingAccount(tenantId)).resolves.toMatchObject({
      quota: { consumed: BATCH, reserved: 0, remaining: 1000 - BATCH },
    });
    await expect(usageRows(tenantId, 'task-lost')).resolves.toHaveLength(BATCH);
    await assertLedgerInvariants(db.database, [tenantId], { sweptAt: clock.now() });
  });

  it.each([REQUESTS.quotaReserve, REQUESTS.quotaPost])(
    'answers a retry with the first outcome when a billing replica died between committing %s and replying',
    async (subject) => {
      const tenantId = await subscribedTenant(1000);
      const replicaPrefix = uniqueSubjectPrefix();
      const replicaJob: ReplicaJob = {
        natsUrl: TEST_NATS_URL,
        subjectPrefix: replicaPrefix,
        databaseUrl: db.config.databaseUrl,
        databaseName: db.config.databaseName,
        appRole: db.config.databaseAppRole,
        crashSubject: subject,
      };
      const quota = new QuotaService(db.database, { clock: clock.now });
      if (subject === REQUESTS.quotaPost) {
        await quota.reserve({ id: 'replica-batch', tenantId, units: 40, operation: 'SCAN', taskId: 'replica' });
      }
      const replica = forkScript<{ stage: string }>('crashing-billing-replica.ts', { REPLICA_JOB: JSON.stringify(replicaJob) });
      await replica.report('ready');

      const client = new QuotaClient(nats, replicaPrefix, 3_000, 5);
      const usage = Array.from({ length: 30 }, (_, index) => ({ checkItemId: 'rds-ssl', assetId: `rds-${index}` }));
      const reply =
        subject === REQUESTS.quotaReserve
          ? client.reserve({ id: 'replica-batch', tenantId, units: 40n, operation: 'SCAN', taskId: 'replica' })
          : client.post({ reservationId: 'replica-batch', tenantId, units: 30n, usage });
      await replica.report('committed');
      await replica.kill();

      // Another replica takes over; the caller's retry (same id) reaches it.
      const survivorConnection = await connect({ servers: TEST_NATS_URL });
      const survivor = new QuotaRequestHandler(survivorConnection, db.database, { subjectPrefix: replicaPrefix, clock: clock.now });
      survivor.start();
      await survivorConnection.flush();
      try {
        const answer = await reply;
        expect(answer.errorCode).toBe('');
        const account = await accounts.billingAccount(tenantId);
        if (subject === REQUESTS.quotaReserve) {
          expect(answer).toMatchObject({ granted: 40n });
          expect(account.quota).toMatchObject({ reserved: 40, remaining: 960 });
        } else {
          expect(answer).toMatchObject({ posted: 30n, released: 10n });
          expect(account.quota).toMatchObject({ consumed: 30, reserved: 0, remaining: 970 });
        }
      } finally {
        await survivor.stop();
        await survivorConnection.close();
      }
      if (subject === REQUESTS.quotaReserve) await quota.void({ tenantId, reservationId: 'replica-batch' });
      await assertLedgerInvariants(db.database, [tenantId]);
    },
  );
});
