import type { TenantDatabase } from '@rampart/platform';
import { BillingAccountsService } from '../src/accounts/billing-accounts.service';
import { assertLedgerInvariants } from '../src/ledger/ledger-invariants';
import { QuotaService } from '../src/quota/quota.service';
import { ReservationSweeper } from '../src/quota/reservation-sweeper';
import { startBillingTestDatabase, TestClock, uniqueTenant, type BillingTestDatabase } from './support/billing-test-database';

describe('reservation sweeper', () => {
  let db: BillingTestDatabase;
  let replicas: TenantDatabase[];
  let clock: TestClock;
  let quota: QuotaService;
  let accounts: BillingAccountsService;
  const tenants: string[] = [];

  async function subscribedTenant(units: number): Promise<string> {
    const tenantId = uniqueTenant('sweep');
    tenants.push(tenantId);
    await accounts.purchaseSubscription(tenantId, { edition: 'ADVANCED', cspmQuota: units, months: 12 });
    return tenantId;
  }

  async function openReservations(tenantIds: string[]): Promise<number> {
    let open = 0;
    for (const tenantId of tenantIds) {
      const [row] = await db.database.run(tenantId, (manager) =>
        manager.query(
          `SELECT count(*)::int AS open FROM transfers t WHERE t.tenant_id = $1 AND t.kind = 'PENDING'
           AND NOT EXISTS (SELECT 1 FROM transfers r WHERE r.tenant_id = t.tenant_id AND r.pending_id = t.id)`,
          [tenantId],
        ),
      );
      open += row.open;
    }
    return open;
  }

  beforeAll(async () => {
    db = await startBillingTestDatabase(4);
    replicas = [];
    for (let replica = 0; replica < 3; replica++) replicas.push(await db.replica(3)); // one provisioning at a time
  });
  beforeEach(() => {
    clock = new TestClock();
    quota = new QuotaService(db.database, { clock: clock.now });
    accounts = new BillingAccountsService(db.database, { clock: clock.now });
  });
  afterAll(async () => {
    await assertLedgerInvariants(db.database, tenants, { sweptAt: clock.now() });
    await db.close();
  });

  it('voids reservations nobody resolved before their timeout and gives their units back', async () => {
    const tenantId = await subscribedTenant(100);
    for (const id of ['kept', 'lost-1', 'lost-2']) {
      await quota.reserve({ id, tenantId, units: 20, operation: 'SCAN', taskId: 'scan', timeoutSeconds: 30 });
    }
    const usage = Array.from({ length: 20 }, (_, index) => ({ checkItemId: 'vpc-flow-logs', assetId: `vpc-${index}` }));
    await quota.post({ tenantId, reservationId: 'kept', units: 20, usage });
    const sweeper = new ReservationSweeper(db.database, { clock: clock.now });

    clock.advance(29_000);
    await expect(sweeper.sweepOnce()).resolves.toBe(0);
    clock.advance(1_000);
    await expect(sweeper.sweepOnce()).resolves.toBe(2);
    await expect(sweeper.sweepOnce()).resolves.toBe(0);
    await expect(accounts.billingAccount(tenantId)).resolves.toMatchObject({ quota: { consumed: 20, reserved: 0, remaining: 80 } });
    await expect(quota.void({ tenantId, reservationId: 'lost-1' })).resolves.toEqual({ reservationId: 'lost-1', released: 20 });
    await assertLedgerInvariants(db.database, [tenantId], { sweptAt: clock.now() });
  });

  it('voids each abandoned reservation exactly once when several replicas sweep at the same time', async () => {
    const tenantIds = await Promise.all(Array.from({ length: 8 }, () => subscribedTenant(1000)));
    for (const tenantId of tenantIds) {
      await Promise.all(
        Array.from({ length: 25 }, (_, index) =>
          quota.reserve({ id: `abandoned-${index}`, tenantId, units: 10, operation: 'SCAN', taskId: 'crashed', timeoutSeconds: 5 }),
        ),
      );
    }
    clock.advance(5_000);
    const sweepers = replicas.map((replica) => new ReservationSweeper(replica, { clock: clock.now, batchSize: 16 }));
    const voided = await Promise.all(sweepers.map((sweeper) => sweeper.sweepOnce()));
    expect(voided.reduce((sum, count) => sum + count, 0)).toBe(200);
    await expect(openReservations(tenantIds)).resolves.toBe(0);
    for (const tenantId of tenantIds) {
      await expect(accounts.billingAccount(tenantId)).resolves.toMatchObject({ quota: { reserved: 0, remaining: 1000 } });
    }
    await assertLedgerInvariants(db.database, tenantIds, { sweptAt: clock.now() });
  });

  it('resolves every reservation once when sweepers race the workers posting it', async () => {
    const tenantId = await subscribedTenant(10_000);
    const ids = Array.from({ length: 60 }, (_, index) => `racing-${index}`);
    for (const id of ids) await quota.reserve({ id, tenantId, units: 5, operation: 'SCAN', taskId: id, timeoutSeconds: 1 });
    clock.advance(1_000);
    const sweepers = replicas.map((replica) => new ReservationSweeper(replica, { clock: clock.now, batchSize: 4 }));
    const posts = ids.map((id) =>
      quota.post({ tenantId, reservationId: id, units: 5, usage: Array.from({ length: 5 }, (_, index) => ({ checkItemId: 'kms', assetId: `${id}-${index}` })) }),
    );
    const [outcomes, voided] = await Promise.all([Promise.all(posts), Promise.all(sweepers.map((sweeper) => sweeper.sweepOnce()))]);
    // Whoever came first resolved it; a post that lost to the sweeper is charged late from the quota.
    expect(outcomes.every((outcome) => outcome.posted === 5)).toBe(true);
    const expired = voided.reduce((sum, count) => sum + count, 0);
    expect(expired).toBeLessThanOrEqual(60);
    await expect(accounts.billingAccount(tenantId)).resolves.toMatchObject({ quota: { consumed: 300, reserved: 0, remaining: 9700 } });
    await expect(openReservations([tenantId])).resolves.toBe(0);
    await assertLedgerInvariants(db.database, [tenantId], { sweptAt: clock.now() });
  });

  it("takes over a crashed sweeper's claims once their lease has passed", async () => {
    const tenantId = await subscribedTenant(100);
    await quota.reserve({ id: 'claimed', tenantId, units: 10, operation: 'SCAN', taskId: 'x', timeoutSeconds: 1 });
    clock.advance(1_000);
    // A sweeper claimed it and died before voiding it.
    await db.database.runUnscoped((manager) =>
      manager.query(`UPDATE reservation_timeouts SET claimed_until = $2 WHERE tenant_id = $1`, [
        tenantId,
        new Date(clock.now().getTime() + 60_000),
      ]),
    );
    const sweeper = new ReservationSweeper(db.database, { clock: clock.now, leaseSeconds: 60 });
    await expect(sweeper.sweepOnce()).resolves.toBe(0);
    clock.advance(60_000);
    await expect(sweeper.sweepOnce()).resolves.toBe(1);
  });

  it('sweeps on its own timer until stopped', async () => {
    const tenantId = await subscribedTenant(50);
    await quota.reserve({ id: 'timer', tenantId, units: 10, operation: 'SCAN', taskId: 'x', timeoutSeconds: 1 });
    clock.advance(1_000);
    const sweeper = new ReservationSweeper(db.database, { clock: clock.now });
    const swept = new Promise<void>((resolve) => {
      const original = sweeper.sweepOnce.bind(sweeper);
      sweeper.sweepOnce = async () => {
        const voided = await original();
        if (voided > 0) resolve();
        return voided;
      };
    });
    sweeper.start(5);
    await swept;
    await sweeper.stop();
    await expect(accounts.billingAccount(tenantId)).resolves.toMatchObject({ quota: { reserved: 0, remaining: 50 } });
  });
});
