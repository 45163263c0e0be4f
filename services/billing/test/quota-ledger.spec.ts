import { create, fromBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { BatchCompletedSchema, EVENTS, QuotaExhaustedSchema } from '@rampart/contracts';
import type { RampartError } from '@rampart/platform';
import { BillingAccountsService } from '../src/accounts/billing-accounts.service';
import { assertLedgerInvariants, checkLedgerInvariants } from '../src/ledger/ledger-invariants';
import { postBatchWhenCompleted } from '../src/quota/post-batch-when-completed.handler';
import { QuotaService } from '../src/quota/quota.service';
import { startBillingTestDatabase, TestClock, uniqueTenant, type BillingTestDatabase } from './support/billing-test-database';

async function refusal(promise: Promise<unknown>): Promise<RampartError> {
  try {
    await promise;
  } catch (error) {
    return error as RampartError;
  }
  throw new Error('expected a refusal');
}

async function sqlError(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const failure = error as { code?: string; driverError?: { code?: string }; message: string };
    return { code: failure.driverError?.code ?? failure.code, message: failure.message };
  }
  throw new Error('expected the database to refuse');
}

function lines(count: number, prefix = 'asset') {
  return Array.from({ length: count }, (_, index) => ({ checkItemId: 'oss-public-read', assetId: `${prefix}-${index}` }));
}

describe('quota ledger', () => {
  let db: BillingTestDatabase;
  let clock: TestClock;
  let quota: QuotaService;
  let accounts: BillingAccountsService;
  const tenants: string[] = [];

  async function subscribedTenant(units: number): Promise<string> {
    const tenantId = uniqueTenant('ledger');
    tenants.push(tenantId);
    await accounts.purchaseSubscription(tenantId, { edition: 'ENTERPRISE', cspmQuota: units, months: 12 });
    return tenantId;
  }

  async function basicTenant(): Promise<string> {
    const tenantId = uniqueTenant('basic');
    tenants.push(tenantId);
    return tenantId;
  }

  beforeAll(async () => {
    db = await startBillingTestDatabase();
  });
  beforeEach(() => {
    clock = new TestClock();
    quota = new QuotaService(db.database, { clock: clock.now });
    accounts = new BillingAccountsService(db.database, { clock: clock.now });
  });
  afterAll(async () => {
    await assertLedgerInvariants(db.database, tenants);
    await db.close();
  });

  it('grants what a subscription has left and posts exactly the paid evaluations, releasing the rest', async () => {
    const tenantId = await subscribedTenant(80);
    const first = await quota.reserve({ id: 'batch-1', tenantId, units: 50, operation: 'SCAN', taskId: 'scan-1' });
    expect(first).toEqual({ reservationId: 'batch-1', granted: 50, remaining: 30, model: 'SUBSCRIPTION' });
    const partial = await quota.reserve({ id: 'batch-2', tenantId, units: 50, operation: 'SCAN', taskId: 'scan-1' });
    expect(partial).toMatchObject({ granted: 30, remaining: 0 });

    await expect(quota.post({ tenantId, reservationId: 'batch-1', units: 45, usage: lines(45) })).resolves.toEqual({
      reservationId: 'batch-1',
      posted: 45,
      released: 5,
    });
    await expect(quota.void({ tenantId, reservationId: 'batch-2' })).resolves.toEqual({ reservationId: 'batch-2', released: 30 });
    await expect(accounts.billingAccount(tenantId)).resolves.toMatchObject({
      quota: { purchased: 80, consumed: 45, reserved: 0, remaining: 35 },
    });
  });

  it('refuses a fix to a Basic tenant with EDITION_NOT_ENTITLED and grants nothing for paid scans', async () => {
    const tenantId = await basicTenant();
    const error = await refusal(quota.reserve({ id: 'fix-1', tenantId, units: 1, operation: 'FIX', taskId: 'fix' }));
    expect(error.code).toBe('EDITION_NOT_ENTITLED');
    await expect(quota.reserve({ id: 'scan-1', tenantId, units: 10, operation: 'SCAN', taskId: 'scan' })).resolves.toMatchObject({
      granted: 0,
      model: 'NONE',
    });
    await quota.void({ tenantId, reservationId: 'scan-1' });
  });

  it('charges an evaluation once: posting the same evaluation through another reservation charges nothing', async () => {
    const tenantId = await subscribedTenant(100);
    await quota.reserve({ id: 'a', tenantId, units: 10, operation: 'SCAN', taskId: 'scan-x' });
    await quota.reserve({ id: 'b', tenantId, units: 10, operation: 'SCAN', taskId: 'scan-x' });
    await quota.post({ tenantId, reservationId: 'a', units: 10, usage: lines(10) });
    const again = await quota.post({ tenantId, reservationId: 'b', units: 10, usage: [...lines(8), ...lines(2, 'other')] });
    expect(again).toEqual({ reservationId: 'b', posted: 2, released: 8 });
    await expect(accounts.billingAccount(tenantId)).resolves.toMatchObject({ quota: { consumed: 12, remaining: 88 } });
  });

  it('answers a repeated reservation id with its first grant, and refuses the id with other parameters', async () => {
    const tenantId = await subscribedTenant(100);
    const first = await quota.reserve({ id: 'same', tenantId, units: 70, operation: 'SCAN', taskId: 't' });
    await quota.reserve({ id: 'other', tenantId, units: 30, operation: 'SCAN', taskId: 't' });
    await expect(quota.reserve({ id: 'same', tenantId, units: 70, operation: 'SCAN', taskId: 't' })).resolves.toMatchObject({
      granted: first.granted,
    });
    expect((await refusal(quota.reserve({ id: 'same', tenantId, units: 71, operation: 'SCAN', taskId: 't' }))).code).toBe('CONFLICT');
    await quota.void({ tenantId, reservationId: 'same' });
    await quota.void({ tenantId, reservationId: 'other' });
  });

  it('resolves a reservation once: repeats answer the first outcome, the other resolution is a conflict', async () => {
    const tenantId = await subscribedTenant(100);
    await quota.reserve({ id: 'p', tenantId, units: 5, operation: 'VERIFY', taskId: 'v' });
    await quota.reserve({ id: 'v', tenantId, units: 5, operation: 'VERIFY', taskId: 'v' });
    const posted = await quota.post({ tenantId, reservationId: 'p', units: 3, usage: lines(3) });
    await expect(quota.post({ tenantId, reservationId: 'p', units: 3, usage: lines(3) })).resolves.toEqual(posted);
    expect((await refusal(quota.void({ tenantId, reservationId: 'p' }))).code).toBe('CONFLICT');
    await expect(quota.void({ tenantId, reservationId: 'v' })).resolves.toEqual({ reservationId: 'v', released: 5 });
    await expect(quota.void({ tenantId, reservationId: 'v' })).resolves.toEqual({ reservationId: 'v', released: 5 });
    expect((await refusal(quota.post({ tenantId, reservationId: 'v', units: 1, usage: lines(1) }))).code).toBe('CONFLICT');
    expect((await refusal(quota.post({ tenantId, reservationId: 'nope', units: 0, usage: [] }))).code).toBe('NOT_FOUND');
  });

  it.each([
    [{ units: 6, usage: lines(6) }, 'units'],
    [{ units: 2, usage: lines(3) }, 'units'],
    [{ units: 1, usage: [{ checkItemId: '', assetId: 'a' }] }, 'usage[0].checkItemId'],
    [{ units: 1, usage: [{ checkItemId: 'c', assetId: 'a', operation: 'DELETE' }] }, 'usage[0].operation'],
  ])('refuses a post of %j naming %s', async (post, path) => {
    const tenantId = await subscribedTenant(10);
    await quota.reserve({ id: 'r', tenantId, units: 5, operation: 'SCAN', taskId: 't' });
    const error = await refusal(quota.post({ tenantId, reservationId: 'r', ...post }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.details?.path).toBe(path);
    await quota.void({ tenantId, reservationId: 'r' });
  });

  it.each([
    [{ units: -1 }, 'units'],
    [{ units: 1.5 }, 'units'],
    [{ operation: 'DELETE' }, 'operation'],
    [{ id: '' }, 'id'],
    [{ id: '~trial' }, 'id'],
    [{ timeoutSeconds: -5 }, 'timeoutSeconds'],
  ])('refuses a reservation of %j naming %s', async (change, path) => {
    const tenantId = await subscribedTenant(10);
    const error = await refusal(quota.reserve({ id: 'r', tenantId, units: 5, operation: 'SCAN', taskId: 't', ...change }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.details?.path).toBe(path);
  });

  it("keeps tenants apart: another tenant's reservation is not found", async () => {
    const owner = await subscribedTenant(10);
    const stranger = await subscribedTenant(10);
    await quota.reserve({ id: 'mine', tenantId: owner, units: 5, operation: 'SCAN', taskId: 't' });
    expect((await refusal(quota.post({ tenantId: stranger, reservationId: 'mine', units: 1, usage: lines(1) }))).code).toBe('NOT_FOUND');
    expect((await refusal(quota.void({ tenantId: stranger, reservationId: 'mine' }))).code).toBe('NOT_FOUND');
    await quota.void({ tenantId: owner, reservationId: 'mine' });
  });

  it('commits the calls of one tenant that queue up together, a refusal among them undoing none of the others', async () => {
    const tenantId = await subscribedTenant(1000);
    await quota.reserve({ id: 'taken', tenantId, units: 1, operation: 'SCAN', taskId: 't' });
    const calls = await Promise.allSettled([
      quota.reserve({ id: 'q-1', tenantId, units: 10, operation: 'SCAN', taskId: 't' }),
      quota.reserve({ id: 'taken', tenantId, units: 2, operation: 'SCAN', taskId: 't' }),
      quota.post({ tenantId, reservationId: 'missing', units: 0, usage: [] }),
      quota.reserve({ id: 'q-2', tenantId, units: 20, operation: 'VERIFY', taskId: 't' }),
      quota.post({ tenantId, reservationId: 'taken', units: 1, usage: lines(1) }),
    ]);
    expect(calls.map((call) => (call.status === 'fulfilled' ? 'ok' : (call.reason as RampartError).code))).toEqual([
      'ok',
      'CONFLICT',
      'NOT_FOUND',
      'ok',
      'ok',
    ]);
    await expect(accounts.billingAccount(tenantId)).resolves.toMatchObject({ quota: { consumed: 1, reserved: 30, remaining: 969 } });
    await quota.void({ tenantId, reservationId: 'q-1' });
    await quota.void({ tenantId, reservationId: 'q-2' });
  });

  it('applies a queued batch with repeats, duplicates and shared evaluations exactly as one call after the other', async () => {
    const tenantId = await subscribedTenant(100);
    const evaluations = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, index) => ({ checkItemId: 'oss-public-read', assetId: `asset-${from + index}` }));
    await quota.reserve({ id: 'a', tenantId, units: 30, operation: 'SCAN', taskId: 't' });

    const reserved = await Promise.all([
      quota.reserve({ id: 'b', tenantId, units: 50, operation: 'SCAN', taskId: 't' }),
      quota.reserve({ id: 'a', tenantId, units: 30, operation: 'SCAN', taskId: 't' }),
      quota.reserve({ id: 'c', tenantId, units: 50, operation: 'SCAN', taskId: 't' }),
      quota.reserve({ id: 'b', tenantId, units: 50, operation: 'SCAN', taskId: 't' }),
      quota.reserve({ id: 'd', tenantId, units: 5, operation: 'SCAN', taskId: 't' }),
      quota.post({ tenantId, reservationId: 'a', units: 2, usage: evaluations(0, 2) }),
    ]);
    expect(reserved).toEqual([
      { reservationId: 'b', granted: 50, remaining: 20, model: 'SUBSCRIPTION' },
      expect.objectContaining({ reservationId: 'a', granted: 30 }),
      { reservationId: 'c', granted: 20, remaining: 0, model: 'SUBSCRIPTION' },
      expect.objectContaining({ reservationId: 'b', granted: 50 }),
      { reservationId: 'd', granted: 0, remaining: 0, model: 'SUBSCRIPTION' },
      { reservationId: 'a', posted: 2, released: 28 },
    ]);

    const posted = await Promise.allSettled([
      quota.post({ tenantId, reservationId: 'b', units: 10, usage: evaluations(0, 10) }),
      quota.post({ tenantId, reservationId: 'c', units: 10, usage: evaluations(5, 15) }),
      quota.post({ tenantId, reservationId: 'b', units: 10, usage: evaluations(0, 10) }),
      quota.post({ tenantId, reservationId: 'd', units: 1, usage: evaluations(20, 21) }),
      quota.void({ tenantId, reservationId: 'd' }),
    ]);
    expect(posted.map((call) => (call.status === 'fulfilled' ? call.value : (call.reason as RampartError).code))).toEqual([
      { reservationId: 'b', posted: 8, released: 42 },
      { reservationId: 'c', posted: 5, released: 15 },
      { reservationId: 'b', posted: 8, released: 42 },
      'BAD_USER_INPUT',
      { reservationId: 'd', released: 0 },
    ]);
    await expect(accounts.billingAccount(tenantId)).resolves.toMatchObject({ quota: { consumed: 15, reserved: 0, remaining: 85 } });
    const exhausted = await db.database.runUnscoped((manager) =>
      manager.query('SELECT payload FROM outbox WHERE tenant_id = $1 AND subject = $2', [tenantId, EVENTS.quotaExhausted.subject]),
    );
    expect(exhausted.map((row: { payload: Uint8Array }) => fromBinary(QuotaExhaustedSchema, row.payload).reservationId)).toEqual(['c']);
    await assertLedgerInvariants(db.database, [tenantId]);
  });

  it('refuses at the schema level to overdraw a limited account', async () => {
    const tenantId = await subscribedTenant(10);
    const error = await sqlError(
      db.database.run(tenantId, (manager) =>
        manager.query(`UPDATE ledger_accounts SET debits_posted = credits_posted + 1 WHERE tenant_id = $1 AND code = 'QUOTA'`, [tenantId]),
      ),
    );
    expect(error.code).toBe('23514');
    expect(error.message).toContain('debits_must_not_exceed_credits');
  });

  it('refuses at the schema level to rewrite transfers or usage, or to resolve a reservation twice', async () => {
    const tenantId = await subscribedTenant(10);
    await quota.reserve({ id: 'once', tenantId, units: 2, operation: 'SCAN', taskId: 't' });
    await quota.post({ tenantId, reservationId: 'once', units: 1, usage: lines(1) });
    for (const statement of ['UPDATE transfers SET amount = 0 WHERE tenant_id = $1', 'DELETE FROM usage WHERE tenant_id = $1']) {
      const error = await sqlError(db.database.run(tenantId, (manager) => manager.query(statement, [tenantId])));
      expect(error.message).toMatch(/immutable/);
    }
    const second = await sqlError(
      db.database.run(tenantId, (manager) =>
        manager.query(
          `INSERT INTO transfers (tenant_id, id, debit_account, credit_account, amount, kind, pending_id, code)
           VALUES ($1, '~void:once', 'QUOTA', 'CONSUMED', 0, 'VOID_PENDING', 'once', 'RELEASE')`,
          [tenantId],
        ),
      ),
    );
    expect(second.code).toBe('23505');
    expect(second.message).toContain('one_resolution_per_reservation');
  });

  it('publishes billing.quota.exhausted.v1 once through the outbox when a subscription runs dry', async () => {
    const tenantId = await subscribedTenant(30);
    await quota.reserve({ id: 'x1', tenantId, units: 20, operation: 'SCAN', taskId: 't' });
    await quota.reserve({ id: 'x2', tenantId, units: 20, operation: 'SCAN', taskId: 't' });
    await quota.reserve({ id: 'x3', tenantId, units: 20, operation: 'SCAN', taskId: 't' });
    const rows = await db.database.runUnscoped((manager) =>
      manager.query('SELECT id, subject, payload, headers FROM outbox WHERE tenant_id = $1', [tenantId]),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].subject).toBe(EVENTS.quotaExhausted.subject);
    expect(rows[0].headers).toMatchObject({ 'Rampart-Tenant': tenantId });
    expect(fromBinary(QuotaExhaustedSchema, rows[0].payload)).toMatchObject({ tenantId, reservationId: 'x2' });
    for (const id of ['x1', 'x2', 'x3']) await quota.void({ tenantId, reservationId: id });
  });

  it('charges usage that arrives after its reservation expired, as far as the quota allows', async () => {
    const tenantId = await subscribedTenant(10);
    await quota.reserve({ id: 'slow', tenantId, units: 8, operation: 'SCAN', taskId: 'slow', timeoutSeconds: 60 });
    clock.advance(61_000);
    await expect(quota.expire(tenantId, 'slow')).resolves.toBe(true);
    await quota.reserve({ id: 'fast', tenantId, units: 5, operation: 'SCAN', taskId: 'fast' });
    await quota.post({ tenantId, reservationId: 'fast', units: 5, usage: lines(5, 'fast') });
    const late = await quota.post({ tenantId, reservationId: 'slow', units: 8, usage: lines(8, 'slow') });
    expect(late).toEqual({ reservationId: 'slow', posted: 5, released: 0 });
    await expect(quota.post({ tenantId, reservationId: 'slow', units: 8, usage: lines(8, 'slow') })).resolves.toEqual(late);
    await expect(accounts.billingAccount(tenantId)).resolves.toMatchObject({ quota: { consumed: 10, remaining: 0 } });
  });

  it('posts exactly the paid evaluations of a completed batch, once however often the event arrives', async () => {
    const tenantId = await subscribedTenant(100);
    await quota.reserve({ id: 'scan-9/batch-0', tenantId, units: 4, operation: 'SCAN', taskId: 'scan-9' });
    const event = create(BatchCompletedSchema, {
      tenantId,
      taskId: 'scan-9',
      batchIndex: 0,
      reservationId: 'scan-9/batch-0',
      paidEvaluations: [
        { checkItemId: 'ecs-sg-open', assetId: 'sg-1', operation: 'SCAN' },
        { checkItemId: 'ecs-sg-open', assetId: 'sg-2', operation: 'SCAN' },
        { checkItemId: 'oss-acl', assetId: 'bucket-1', operation: 'SCAN' },
      ],
      occurredAt: timestampFromDate(clock.now()),
    });
    for (let delivery = 0; delivery < 3; delivery++) {
      await expect(db.database.run(tenantId, (manager) => postBatchWhenCompleted(manager, event, { clock: clock.now }))).resolves.toEqual({
        reservationId: 'scan-9/batch-0',
        posted: 3,
        released: 1,
      });
    }
    const usage = await accounts.usage(tenantId);
    expect(usage.edges.map((edge) => `${edge.node.taskId}:${edge.node.checkItemId}:${edge.node.assetId}`).sort()).toEqual([
      'scan-9:ecs-sg-open:sg-1',
      'scan-9:ecs-sg-open:sg-2',
      'scan-9:oss-acl:bucket-1',
    ]);
    const free = create(BatchCompletedSchema, { tenantId, taskId: 'scan-9', batchIndex: 1, reservationId: '', paidEvaluations: [] });
    await expect(db.database.run(tenantId, (manager) => postBatchWhenCompleted(manager, free))).resolves.toBeNull();
  });

  it('reports a ledger whose stored totals disagree with its transfers', async () => {
    const tenantId = await subscribedTenant(10);
    await expect(checkLedgerInvariants(db.database, [tenantId])).resolves.toEqual([]);
    // Bypass the ledger on purpose (still within the CHECK) to prove the checker notices.
    await db.database.run(tenantId, (manager) =>
      manager.query(`UPDATE ledger_accounts SET credits_posted = credits_posted + 1 WHERE tenant_id = $1 AND code = 'QUOTA'`, [tenantId]),
    );
    const violations = await checkLedgerInvariants(db.database, [tenantId]);
    expect(violations).toEqual(
      expect.arrayContaining([expect.stringContaining('account QUOTA: credits_posted is 11, its transfers sum to 10')]),
    );
    await db.database.run(tenantId, (manager) =>
      manager.query(`UPDATE ledger_accounts SET credits_posted = credits_posted - 1 WHERE tenant_id = $1 AND code = 'QUOTA'`, [tenantId]),
    );
  });
});
