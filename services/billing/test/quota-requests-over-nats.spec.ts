import { connect, type NatsConnection } from '@nats-io/transport-node';
import { REQUESTS, ReserveResponseSchema, EntitlementsSchema } from '@rampart/contracts';
import { TEST_NATS_URL } from '@rampart/testing';
import { BillingAccountsService } from '../src/accounts/billing-accounts.service';
import { assertLedgerInvariants } from '../src/ledger/ledger-invariants';
import { QuotaRequestHandler } from '../src/quota/quota-request.handler';
import { startBillingTestDatabase, uniqueSubjectPrefix, uniqueTenant, type BillingTestDatabase } from './support/billing-test-database';
import { QuotaClient } from './support/quota-client';

const CLIENTS = 32;

describe('quota requests over NATS', () => {
  const prefix = uniqueSubjectPrefix();
  let db: BillingTestDatabase;
  let accounts: BillingAccountsService;
  let handlerConnections: NatsConnection[];
  let handlers: QuotaRequestHandler[];
  let clientConnections: NatsConnection[];
  let clients: QuotaClient[];
  const tenants: string[] = [];

  async function subscribedTenant(units: number): Promise<string> {
    const tenantId = uniqueTenant('nats');
    tenants.push(tenantId);
    await accounts.purchaseSubscription(tenantId, { edition: 'ENTERPRISE', cspmQuota: units, months: 12 });
    return tenantId;
  }

  /** What a request could have changed: balances, transfers, usage rows and outbox rows of a tenant. */
  async function ledgerState(tenantId: string) {
    const [counts] = await db.database.run(tenantId, (manager) =>
      manager.query(
        `SELECT (SELECT count(*) FROM transfers WHERE tenant_id = $1)::int AS transfers,
                (SELECT count(*) FROM usage WHERE tenant_id = $1)::int AS usage,
                (SELECT count(*) FROM outbox WHERE tenant_id = $1)::int AS outbox,
                (SELECT json_agg(l ORDER BY code) FROM ledger_accounts l WHERE tenant_id = $1) AS accounts`,
        [tenantId],
      ),
    );
    return { counts, account: await accounts.billingAccount(tenantId) };
  }

  beforeAll(async () => {
    db = await startBillingTestDatabase(4);
    accounts = new BillingAccountsService(db.database);
    // Two billing replicas in one queue group, each with its own pool, as in production.
    handlerConnections = await Promise.all([0, 1].map(() => connect({ servers: TEST_NATS_URL })));
    handlers = [];
    for (const [index, nats] of handlerConnections.entries()) {
      // One provisioning at a time; the first replica also queues requests beyond 4 in flight.
      handlers.push(new QuotaRequestHandler(nats, await db.replica(6), { subjectPrefix: prefix, maxInFlight: index === 0 ? 4 : 64 }));
    }
    handlers.forEach((handler) => handler.start());
    await Promise.all(handlerConnections.map((nats) => nats.flush()));
    clientConnections = await Promise.all(Array.from({ length: CLIENTS }, () => connect({ servers: TEST_NATS_URL })));
    clients = clientConnections.map((nats) => new QuotaClient(nats, prefix));
  });
  afterAll(async () => {
    await Promise.all(handlers.map((handler) => handler.stop()));
    await Promise.all([...handlerConnections, ...clientConnections].map((nats) => nats.close()));
    await assertLedgerInvariants(db.database, tenants);
    await db.close();
  });

  it('never grants more than the last 1,000 units to 32 racing clients, and grants exactly 1,000 when demand exceeds it', async () => {
    const tenantId = await subscribedTenant(3000);
    // Spend 2,000 first so the race is for the last 1,000.
    const spent = await clients[0].reserve({ id: 'warm-up', tenantId, units: 2000n, operation: 'SCAN', taskId: 'warm-up' });
    const warmUsage = Array.from({ length: 2000 }, (_, index) => ({ checkItemId: 'ram-mfa', assetId: `user-${index}` }));
    await clients[0].post({ reservationId: spent.reservationId, tenantId, units: 2000n, usage: warmUsage });

    const grants = await Promise.all(
      clients.map(async (client, clientIndex) => {
        const granted: Array<{ id: string; units: number }> = [];
        for (let round = 0; ; round++) {
          const units = 1 + ((clientIndex * 7 + round * 13) % 40);
          const id = `race-${clientIndex}-${round}`;
          const reply = await client.reserve({ id, tenantId, units: BigInt(units), operation: 'SCAN', taskId: `task-${clientIndex}` });
          expect(reply.errorCode).toBe('');
          granted.push({ id, units: Number(reply.granted) });
          if (reply.granted < BigInt(units)) return granted; // quota ran out for this client
        }
      }),
    );
    const total = grants.flat().reduce((sum, grant) => sum + grant.units, 0);
    expect(total).toBe(1000);
    await expect(accounts.billingAccount(tenantId)).resolves.toMatchObject({ quota: { reserved: 1000, remaining: 0 } });
    expect((await ledgerState(tenantId)).counts.outbox).toBe(1); // one billing.quota.exhausted.v1

    // Every client now posts half of each grant and the rest is released, concurrently.
    let posted = 0;
    await Promise.all(
      grants.map((clientGrants, clientIndex) =>
        Promise.all(
          clientGrants.map(async (grant) => {
            const charged = Math.floor(grant.units / 2);
            posted += charged;
            const usage = Array.from({ length: charged }, (_, index) => ({ checkItemId: 'ecs-disk', assetId: `${grant.id}-${index}` }));
            const reply = await clients[clientIndex].post({ reservationId: grant.id, tenantId, units: BigInt(charged), usage });
            expect(reply).toMatchObject({ errorCode: '', posted: BigInt(charged), released: BigInt(grant.units - charged) });
          }),
        ),
      ),
    );
    await expect(accounts.billingAccount(tenantId)).resolves.toMatchObject({
      quota: { purchased: 3000, consumed: 2000 + posted, reserved: 0, remaining: 1000 - posted },
    });
    await assertLedgerInvariants(db.database, [tenantId]);
  });

  it('grants every racing client in full while demand stays below the quota', async () => {
    const tenantId = await subscribedTenant(1000);
    const replies = await Promise.all(
      clients.map((client, index) => client.reserve({ id: `small-${index}`, tenantId, units: 20n, operation: 'VERIFY', taskId: 'v' })),
    );
    expect(replies.map((reply) => Number(reply.granted))).toEqual(Array(CLIENTS).fill(20));
    await expect(accounts.billingAccount(tenantId)).resolves.toMatchObject({ quota: { reserved: 640, remaining: 360 } });
    await Promise.all(clients.map((client, index) => client.void({ reservationId: `small-${index}`, tenantId })));
  });

  it('changes nothing when every request is sent twice', async () => {
    const tenantId = await subscribedTenant(100);
    const [client, other] = clients;
    const usage = Array.from({ length: 7 }, (_, index) => ({ checkItemId: 'slb-https', assetId: `lb-${index}` }));
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['reserve', () => client.reserve({ id: 'twice-1', tenantId, units: 60n, operation: 'SCAN', taskId: 'scan-t' })],
      ['second reserve', () => client.reserve({ id: 'twice-2', tenantId, units: 60n, operation: 'SCAN', taskId: 'scan-t' })],
      ['post', () => client.post({ reservationId: 'twice-1', tenantId, units: 7n, usage })],
      ['void', () => client.void({ reservationId: 'twice-2', tenantId })],
      ['entitlements', () => client.entitlements(tenantId)],
    ];
    for (const [, send] of steps) {
      const first = await send();
      const after = await ledgerState(tenantId);
      const repeat = await send();
      expect(repeat).toEqual(first);
      expect(await ledgerState(tenantId)).toEqual(after);
    }
    // Duplicates that arrive together, through both replicas, are one reservation too.
    const together = await Promise.all(
      [client, other, client, other].map((sender) =>
        sender.reserve({ id: 'twice-3', tenantId, units: 10n, operation: 'SCAN', taskId: 'scan-t' }),
      ),
    );
    expect(new Set(together.map((reply) => `${reply.granted}/${reply.errorCode}`))).toEqual(new Set(['10/']));
    expect((await ledgerState(tenantId)).account.quota).toMatchObject({ consumed: 7, reserved: 10, remaining: 83 });
    await client.void({ reservationId: 'twice-3', tenantId });
  });

  it('answers refusals with their codes', async () => {
    const basic = uniqueTenant('basic');
    tenants.push(basic);
    const [client] = clients;
    await expect(client.reserve({ id: 'fix', tenantId: basic, units: 1n, operation: 'FIX', taskId: 'f' })).resolves.toMatchObject({
      errorCode: 'EDITION_NOT_ENTITLED',
      granted: 0n,
    });
    await expect(client.post({ reservationId: 'missing', tenantId: basic, units: 0n })).resolves.toMatchObject({ errorCode: 'NOT_FOUND' });
    await expect(client.reserve({ id: 'bad', tenantId: 'not a tenant!', units: 1n, operation: 'SCAN' })).resolves.toMatchObject({
      errorCode: 'BAD_USER_INPUT',
    });
    await expect(client.raw(REQUESTS.quotaReserve, ReserveResponseSchema, new Uint8Array([0xff, 0xff, 0xff]))).resolves.toMatchObject({
      errorCode: 'BAD_USER_INPUT',
    });
    await expect(client.raw(REQUESTS.entitlements, EntitlementsSchema, new Uint8Array([0x0a, 0x05]))).resolves.toMatchObject({
      errorCode: 'BAD_USER_INPUT',
    });
  });

  it('tells other services what a tenant may do', async () => {
    const basic = uniqueTenant('ent');
    tenants.push(basic);
    const [client] = clients;
    await expect(client.entitlements(basic)).resolves.toMatchObject({
      tenantId: basic,
      edition: 'BASIC',
      model: 'NONE',
      configCheckItems: 'FREE_ONLY',
      configCheckOperations: ['DETECT', 'VERIFY'],
      baselineItems: 'NONE',
      baselineOperations: [],
      attackPaths: false,
      quotaMetered: false,
      errorCode: '',
    });
    await accounts.purchaseSubscription(basic, { edition: 'ULTIMATE', cspmQuota: 10, months: 1 });
    const paid = await client.entitlements(basic);
    expect(paid).toMatchObject({
      edition: 'ULTIMATE',
      model: 'SUBSCRIPTION',
      configCheckItems: 'ALL',
      configCheckOperations: ['DETECT', 'VERIFY', 'FIX'],
      baselineItems: 'ALL',
      attackPaths: true,
      ksmpCheckItems: true,
      quotaMetered: true,
      baselineQuotaMetered: false,
    });
    expect(paid.subscriptionEndsAt).toBeDefined();
  });
});
