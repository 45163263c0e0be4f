import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { dropTestDatabase, testPlatformConfig, TEST_NATS_URL } from '@rampart/testing';
import { DurableConsumer, ensureStreams, OutboxRelay } from '@rampart/messaging';
import type { TenantDatabase } from '@rampart/platform';
import {
  appUrlOf, CommittedSignal, ConsumerTables1764300000011, countEffect, effectCount, effectTagCount, openDatabase, ProducerTables1764300000010,
  silentLogger, uniqueTenant, writeWidgetWithEvent,
} from './messaging.fixture';

const ROOT = join(__dirname, '..', '..', '..');

function runChild(env: Record<string, string>): ReturnType<typeof fork> {
  return fork(join(__dirname, 'crash.child.ts'), [], {
    cwd: ROOT,
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'), NATS_URL: TEST_NATS_URL, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}

describe('events between services: outbox, relay, durable consumer with inbox', () => {
  const producerConfig = testPlatformConfig('msgproducer');
  const consumerConfig = testPlatformConfig('msgconsumer');
  const durable = `test-effects-${Date.now().toString(36)}`;
  let producer: TenantDatabase;
  let consumerDb: TenantDatabase;
  let nats: NatsConnection;
  let relay: OutboxRelay;
  let consumer: DurableConsumer;
  const committed = new CommittedSignal();
  let failNextAck = false;

  beforeAll(async () => {
    [producer, consumerDb] = await Promise.all([
      openDatabase(producerConfig, ProducerTables1764300000010),
      openDatabase(consumerConfig, ConsumerTables1764300000011),
    ]);
    nats = await connect({ servers: TEST_NATS_URL });
    await ensureStreams(nats, ['ASSETS']);
    relay = new OutboxRelay(producer, nats, silentLogger);
    consumer = new DurableConsumer(consumerDb, nats, silentLogger, {
      durable,
      stream: 'ASSETS',
      handlers: [countEffect],
      deliver: 'new',
      ackWaitMs: 1000,
      hooks: {
        beforeAck: (meta) => {
          committed.hook(meta);
          if (failNextAck) {
            failNextAck = false;
            throw new Error('simulated lost acknowledgement');
          }
        },
      },
    });
    await consumer.start();
  }, 60_000);

  afterAll(async () => {
    await consumer?.stop();
    await relay?.stop();
    const jsm = await (await import('@nats-io/jetstream')).jetstreamManager(nats);
    await jsm.consumers.delete('ASSETS', durable).catch(() => undefined);
    await nats?.drain();
    await producer?.close();
    await consumerDb?.close();
    await Promise.all([dropTestDatabase(producerConfig), dropTestDatabase(consumerConfig)]);
  });

  /** Publishes a marker after the case and waits for it: everything before it has been delivered. */
  async function settle(tenant: string): Promise<void> {
    const marker = `marker-${Math.random().toString(36).slice(2)}`;
    await writeWidgetWithEvent(producer, tenant, marker);
    const seen = committed.next((meta) => meta.tenantId === tenant);
    await relay.drain();
    await seen;
    expect(await effectCount(consumerDb, tenant, marker)).toBe(1);
  }

  it("applies an event written in one service's transaction exactly once in another", async () => {
    const tenant = uniqueTenant();
    await writeWidgetWithEvent(producer, tenant, 'asset-1');
    const applied = committed.next((meta) => meta.tenantId === tenant);
    expect(await relay.drain()).toBeGreaterThanOrEqual(1);
    await applied;
    await settle(tenant);
    expect(await effectCount(consumerDb, tenant, 'asset-1')).toBe(1);
  });

  it('carries an event larger than the server max_payload compressed, and applies it whole', async () => {
    const tenant = uniqueTenant();
    // An account-wide asset of a large tenant: tens of thousands of similar entries.
    const tags = Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`user-${i}@example.onaliyun.com`, `AccessKey active, last used 2026-11-${(i % 28) + 1}`]));
    const id = await writeWidgetWithEvent(producer, tenant, 'account-asset', tags);
    const [{ bytes }] = (await producer.runUnscoped((m) => m.query('SELECT length(payload) AS bytes FROM outbox WHERE id = $1', [id]))) as Array<{ bytes: number }>;
    expect(bytes).toBeGreaterThan(nats.info!.max_payload);
    const applied = committed.next((meta) => meta.tenantId === tenant);
    await relay.drain();
    await applied;
    expect(await effectCount(consumerDb, tenant, 'account-asset')).toBe(1);
    expect(await effectTagCount(consumerDb, tenant, 'account-asset')).toBe(40_000);
  });

  it('publishes nothing for a write that was rolled back', async () => {
    const tenant = uniqueTenant();
    await expect(
      producer.run(tenant, async (manager) => {
        await manager.query('INSERT INTO widgets (tenant_id, id) VALUES ($1, $2)', [tenant, 'ghost']);
        const { publishInTransaction } = await import('@rampart/messaging');
        const { create } = await import('@bufbuild/protobuf');
        const { AssetChangedSchema, EVENTS } = await import('@rampart/contracts');
        await publishInTransaction(manager, EVENTS.assetChanged, tenant, create(AssetChangedSchema, { tenantId: tenant, asset: { id: 'ghost' } }));
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const pending = await producer.runUnscoped((m) => m.query('SELECT count(*)::int AS n FROM outbox WHERE tenant_id = $1', [tenant]));
    expect(pending).toEqual([{ n: 0 }]);
    await settle(tenant);
    expect(await effectCount(consumerDb, tenant, 'ghost')).toBe(0);
  });

  it('gives one effect when the relay dies between publishing and marking', async () => {
    const tenant = uniqueTenant();
    await writeWidgetWithEvent(producer, tenant, 'asset-relay');
    const child = runChild({ MODE: 'relay-after-publish', DB_URL: appUrlOf(producer) });
    const [, signal] = (await once(child, 'exit')) as [number | null, string | null];
    expect(signal).toBe('SIGKILL');
    const unmarked = await producer.runUnscoped((m) =>
      m.query('SELECT count(*)::int AS n FROM outbox WHERE tenant_id = $1 AND published_at IS NULL', [tenant]),
    );
    expect(unmarked).toEqual([{ n: 1 }]);
    await relay.drain(); // republishes the same Nats-Msg-Id
    await settle(tenant);
    expect(await effectCount(consumerDb, tenant, 'asset-relay')).toBe(1);
  });

  it('gives one effect when a message is delivered twice', async () => {
    const tenant = uniqueTenant();
    await writeWidgetWithEvent(producer, tenant, 'asset-twice');
    failNextAck = true;
    const first = committed.next((meta) => meta.tenantId === tenant);
    await relay.drain();
    const delivered = await first;
    const again = await committed.next((meta) => meta.messageId === delivered.messageId);
    expect(again.messageId).toBe(delivered.messageId);
    await settle(tenant);
    expect(await effectCount(consumerDb, tenant, 'asset-twice')).toBe(1);
  });

  it('gives one effect when the consumer dies after committing but before its ack', async () => {
    const tenant = uniqueTenant();
    const crashDurable = `${durable}-crash`;
    // A second consuming service with its own database, so only its durable counts here.
    const crashConfig = testPlatformConfig('msgcrash');
    const crashingConsumerDb = await openDatabase(crashConfig, ConsumerTables1764300000011);
    const child = runChild({ MODE: 'consumer-before-ack', DB_URL: appUrlOf(crashingConsumerDb), DURABLE: crashDurable });
    await once(child, 'message');
    await writeWidgetWithEvent(producer, tenant, 'asset-ack');
    await relay.drain();
    const [, signal] = (await once(child, 'exit')) as [number | null, string | null];
    expect(signal).toBe('SIGKILL');
    // The effect committed in the dead process; the redelivery to a fresh replica only acks.
    expect(await effectCount(crashingConsumerDb, tenant, 'asset-ack')).toBe(1);
    const replica = new DurableConsumer(crashingConsumerDb, nats, silentLogger, {
      durable: crashDurable,
      stream: 'ASSETS',
      handlers: [countEffect],
      ackWaitMs: 1000,
      hooks: { beforeAck: committed.hook },
    });
    const redelivered = committed.next((meta) => meta.tenantId === tenant);
    await replica.start();
    await redelivered;
    await replica.stop();
    expect(await effectCount(crashingConsumerDb, tenant, 'asset-ack')).toBe(1);
    const jsm = await (await import('@nats-io/jetstream')).jetstreamManager(nats);
    await jsm.consumers.delete('ASSETS', crashDurable).catch(() => undefined);
    await crashingConsumerDb.close();
    await dropTestDatabase(crashConfig);
  });
});
