import { BadUserInputError, ConflictError, type RampartError } from '@rampart/platform';
import { BillingAccountsService } from '../src/accounts/billing-accounts.service';
import { EntitlementsService } from '../src/entitlements/entitlements.service';
import { assertLedgerInvariants } from '../src/ledger/ledger-invariants';
import { QuotaService } from '../src/quota/quota.service';
import { startBillingTestDatabase, TestClock, uniqueTenant, type BillingTestDatabase } from './support/billing-test-database';

const DAY = 24 * 3600 * 1000;

async function refusal(promise: Promise<unknown>): Promise<RampartError> {
  try {
    await promise;
  } catch (error) {
    return error as RampartError;
  }
  throw new Error('expected a refusal');
}

describe('billing accounts', () => {
  let db: BillingTestDatabase;
  let clock: TestClock;
  let accounts: BillingAccountsService;
  let quota: QuotaService;
  let entitlements: EntitlementsService;
  const tenants: string[] = [];

  function tenant(): string {
    const id = uniqueTenant('acct');
    tenants.push(id);
    return id;
  }

  async function spend(tenantId: string, units: number, taskId = `task-${units}-${Math.random()}`) {
    const reservation = await quota.reserve({ id: `r-${taskId}`, tenantId, units, operation: 'SCAN', taskId });
    const usage = Array.from({ length: reservation.granted }, (_, index) => ({ checkItemId: 'ecs-1', assetId: `a-${index}` }));
    await quota.post({ reservationId: reservation.reservationId, tenantId, units: usage.length, usage });
    return reservation;
  }

  beforeAll(async () => {
    db = await startBillingTestDatabase();
  });
  beforeEach(() => {
    clock = new TestClock();
    accounts = new BillingAccountsService(db.database, { clock: clock.now, trialQuota: 500 });
    quota = new QuotaService(db.database, { clock: clock.now });
    entitlements = new EntitlementsService(db.database, { clock: clock.now });
  });
  afterAll(async () => {
    await assertLedgerInvariants(db.database, tenants);
    await db.close();
  });

  it('starts a tenant on Basic without the CSPM service at its first request', async () => {
    const id = tenant();
    await expect(accounts.billingAccount(id)).resolves.toEqual({
      edition: 'BASIC',
      model: 'NONE',
      quota: { purchased: 0, consumed: 0, reserved: 0, remaining: 0, forfeited: 0 },
      payAsYouGoBilled: 0,
      subscriptionEndsAt: null,
      trialEndsAt: null,
      legacyFreeItemCount: 0,
    });
    await expect(entitlements.entitlements(tenant())).resolves.toMatchObject({ edition: 'BASIC', model: 'NONE', configCheckItems: 'FREE_ONLY' });
  });

  it('buys an edition with CSPM quota as a transfer from the subscriptions account', async () => {
    const id = tenant();
    const account = await accounts.purchaseSubscription(id, { edition: 'ENTERPRISE', cspmQuota: 2000, months: 12 });
    expect(account).toMatchObject({
      edition: 'ENTERPRISE',
      model: 'SUBSCRIPTION',
      quota: { purchased: 2000, consumed: 0, reserved: 0, remaining: 2000 },
      subscriptionEndsAt: new Date('2027-11-28T00:00:00Z'),
    });
    await spend(id, 300);
    await expect(accounts.billingAccount(id)).resolves.toMatchObject({ quota: { purchased: 2000, consumed: 300, remaining: 1700 } });
    const renewed = await accounts.purchaseSubscription(id, { edition: 'ENTERPRISE', cspmQuota: 1000, months: 1 });
    expect(renewed).toMatchObject({ quota: { purchased: 3000, remaining: 2700 }, subscriptionEndsAt: new Date('2027-12-28T00:00:00Z') });
  });

  it('buys an edition alone: baseline checks included, config checks stay free-only', async () => {
    const id = tenant();
    await accounts.purchaseSubscription(id, { edition: 'ADVANCED', months: 1 });
    await expect(entitlements.entitlements(id)).resolves.toMatchObject({
      edition: 'ADVANCED',
      model: 'NONE',
      configCheckItems: 'FREE_ONLY',
      baselineItems: 'WEAK_PASSWORD_ONLY',
      baselineQuotaMetered: false,
      attackPaths: false,
    });
  });

  it.each([
    [{ edition: 'ENTERPRISE', cspmQuota: 10, months: 0 }, 'input.months'],
    [{ edition: 'ENTERPRISE', cspmQuota: 10, months: -3 }, 'input.months'],
    [{ edition: 'ENTERPRISE', cspmQuota: 10, months: 1.5 }, 'input.months'],
    [{ edition: 'BASIC', cspmQuota: 10, months: 1 }, 'input.edition'],
    [{ edition: 'PLATINUM', cspmQuota: 10, months: 1 }, 'input.edition'],
    [{ edition: 'ADVANCED', cspmQuota: -1, months: 1 }, 'input.cspmQuota'],
  ])('refuses purchase %j naming %s, leaving nothing behind', async (input, path) => {
    const id = tenant();
    const error = await refusal(accounts.purchaseSubscription(id, input));
    expect(error).toBeInstanceOf(BadUserInputError);
    expect(error.details?.path).toBe(path);
    await expect(accounts.billingAccount(id)).resolves.toMatchObject({ edition: 'BASIC', quota: { purchased: 0 } });
  });

  it('refuses pay-as-you-go while a subscription runs, then forfeits the rest on unsubscribe', async () => {
    const id = tenant();
    await accounts.purchaseSubscription(id, { edition: 'ANTI_VIRUS', cspmQuota: 1000, months: 6 });
    await spend(id, 250);
    const error = await refusal(accounts.activatePayAsYouGo(id));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.code).toBe('CONFLICT');

    const unsubscribed = await accounts.unsubscribe(id);
    expect(unsubscribed).toMatchObject({
      edition: 'BASIC',
      model: 'NONE',
      quota: { purchased: 1000, consumed: 250, reserved: 0, remaining: 0, forfeited: 750 },
    });
    const activated = await accounts.activatePayAsYouGo(id);
    expect(activated).toMatchObject({ model: 'PAY_AS_YOU_GO', quota: { remaining: null, forfeited: 750 } });
  });

  it('bills every pay-as-you-go unit as usage and never refuses', async () => {
    const id = tenant();
    await accounts.activatePayAsYouGo(id);
    const reservation = await spend(id, 40_000);
    expect(reservation).toMatchObject({ granted: 40_000, model: 'PAY_AS_YOU_GO' });
    await expect(accounts.billingAccount(id)).resolves.toMatchObject({
      model: 'PAY_AS_YOU_GO',
      payAsYouGoBilled: 40_000,
      quota: { consumed: 40_000, remaining: null },
    });
    await expect(entitlements.entitlements(id)).resolves.toMatchObject({ configCheckItems: 'ALL', attackPaths: true, quotaMetered: true });
  });

  it('stops granting at the end of a subscription and forfeits what is left', async () => {
    const id = tenant();
    await accounts.purchaseSubscription(id, { edition: 'ULTIMATE', cspmQuota: 500, months: 1 });
    await spend(id, 100);
    clock.current = new Date('2026-12-28T00:00:00Z'); // the end instant itself
    const reservation = await quota.reserve({ id: 'after-end', tenantId: id, units: 10, operation: 'SCAN', taskId: 'late' });
    expect(reservation).toMatchObject({ granted: 0, remaining: 0, model: 'NONE' });
    await expect(accounts.billingAccount(id)).resolves.toMatchObject({
      edition: 'BASIC',
      model: 'NONE',
      subscriptionEndsAt: null,
      quota: { purchased: 500, consumed: 100, remaining: 0, forfeited: 400 },
    });
    await quota.void({ tenantId: id, reservationId: 'after-end' });
    await expect(accounts.activatePayAsYouGo(id)).resolves.toMatchObject({ model: 'PAY_AS_YOU_GO' });
  });

  it('forfeits units a reservation releases after its subscription ended', async () => {
    const id = tenant();
    await accounts.purchaseSubscription(id, { edition: 'ADVANCED', cspmQuota: 100, months: 1 });
    const held = await quota.reserve({ id: 'held', tenantId: id, units: 60, operation: 'SCAN', taskId: 'held' });
    await accounts.unsubscribe(id);
    await expect(accounts.billingAccount(id)).resolves.toMatchObject({ quota: { reserved: 60, remaining: 0, forfeited: 40 } });
    const usage = Array.from({ length: 20 }, (_, index) => ({ checkItemId: 'rds-1', assetId: `rds-${index}` }));
    await quota.post({ tenantId: id, reservationId: held.reservationId, units: 20, usage });
    await expect(accounts.billingAccount(id)).resolves.toMatchObject({
      quota: { purchased: 100, consumed: 20, reserved: 0, remaining: 0, forfeited: 80 },
    });
  });

  it('starts the 7-day Enterprise trial once per tenant', async () => {
    const id = tenant();
    const trial = await accounts.startTrial(id);
    expect(trial).toMatchObject({
      edition: 'ENTERPRISE',
      model: 'SUBSCRIPTION',
      quota: { purchased: 500, remaining: 500 },
      trialEndsAt: new Date(clock.current.getTime() + 7 * DAY),
      subscriptionEndsAt: new Date(clock.current.getTime() + 7 * DAY),
    });
    await expect(entitlements.entitlements(id)).resolves.toMatchObject({ configCheckItems: 'ALL', attackPaths: true, baselineItems: 'ALL_BUT_CONTAINER' });
    expect((await refusal(accounts.startTrial(id))).code).toBe('CONFLICT');

    clock.advance(7 * DAY);
    await expect(accounts.billingAccount(id)).resolves.toMatchObject({ edition: 'BASIC', model: 'NONE', quota: { remaining: 0, forfeited: 500 } });
    expect((await refusal(accounts.startTrial(id))).code).toBe('CONFLICT');
  });

  it('refuses the trial to a tenant on a paid plan', async () => {
    const id = tenant();
    await accounts.activatePayAsYouGo(id);
    expect((await refusal(accounts.startTrial(id))).code).toBe('CONFLICT');
  });

  it('ends a running trial when the tenant buys, without carrying the trial quota over', async () => {
    const id = tenant();
    await accounts.startTrial(id);
    await spend(id, 50);
    const bought = await accounts.purchaseSubscription(id, { edition: 'ADVANCED', cspmQuota: 300, months: 1 });
    expect(bought).toMatchObject({
      edition: 'ADVANCED',
      model: 'SUBSCRIPTION',
      trialEndsAt: clock.current,
      quota: { purchased: 800, consumed: 50, remaining: 300, forfeited: 450 },
    });
  });

  it('refuses to unsubscribe a tenant with nothing to end', async () => {
    expect((await refusal(accounts.unsubscribe(tenant()))).code).toBe('CONFLICT');
  });

  it('keeps the legacy free item count of a tenant that authorized CSPM before 2023-07-07', async () => {
    const id = tenant();
    await accounts.recordCspmAuthorization(id, new Date('2022-03-01T00:00:00Z'));
    await accounts.purchaseSubscription(id, { edition: 'ADVANCED', months: 12 });
    await expect(entitlements.entitlements(id)).resolves.toMatchObject({ legacyFreeItemCount: 90 });
    await expect(accounts.billingAccount(id)).resolves.toMatchObject({ legacyFreeItemCount: 90 });
    const recent = tenant();
    await accounts.purchaseSubscription(recent, { edition: 'ADVANCED', months: 12 });
    await expect(entitlements.entitlements(recent)).resolves.toMatchObject({ legacyFreeItemCount: 0 });
  });

  it('pages usage oldest first with Relay cursors, filtered by time', async () => {
    const id = tenant();
    await accounts.activatePayAsYouGo(id);
    await spend(id, 3, 'task-a');
    clock.advance(DAY);
    await spend(id, 2, 'task-b');

    const firstPage = await accounts.usage(id, { first: 2 });
    expect(firstPage.totalCount).toBe(5);
    expect(firstPage.edges.map((edge) => edge.node)).toEqual([
      { operation: 'SCAN', units: 1, checkItemId: 'ecs-1', assetId: 'a-0', taskId: 'task-a', at: new Date('2026-11-28T00:00:00Z') },
      { operation: 'SCAN', units: 1, checkItemId: 'ecs-1', assetId: 'a-1', taskId: 'task-a', at: new Date('2026-11-28T00:00:00Z') },
    ]);
    expect(firstPage.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const rest = await accounts.usage(id, { first: 10, after: firstPage.pageInfo.endCursor });
    expect(rest.edges.map((edge) => `${edge.node.taskId}/${edge.node.assetId}`)).toEqual(['task-a/a-2', 'task-b/a-0', 'task-b/a-1']);
    expect(rest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    const secondDay = await accounts.usage(id, { from: new Date('2026-11-29T00:00:00Z') });
    expect(secondDay.totalCount).toBe(2);
    const firstDay = await accounts.usage(id, { to: new Date('2026-11-29T00:00:00Z') });
    expect(firstDay.totalCount).toBe(3);
  });

  it.each([
    [{ first: -1 }, 'first'],
    [{ first: 501 }, 'first'],
    [{ after: 'not-a-cursor' }, 'after'],
    [{ from: new Date('2026-12-02T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') }, 'to'],
  ])('refuses usage query %j naming %s', async (query, path) => {
    const error = await refusal(accounts.usage(tenant(), query));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.details?.path).toBe(path);
  });
});
