import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ProgressStore, type TaskProgress } from '@rampart/messaging';
import { createLogger, type Identity } from '@rampart/platform';
import { TEST_NATS_URL } from '@rampart/testing';
import { gatewayMetrics } from '../src/observability/gateway.metrics';
import { ScanProgressHub, type ProgressUpdate } from '../src/subscriptions/scan-progress.hub';

const viewer = (tenantId: string): Identity => ({ subject: 'v', tenantId, roles: ['viewer'], permissions: ['read'], via: 'jwt' });
const watchedKeys = async () => (await gatewayMetrics.watchedProgressKeys.get()).values[0]?.value ?? 0;

describe('ScanProgressHub', () => {
  let nats: NatsConnection;
  let store: ProgressStore;
  let hub: ScanProgressHub;

  const report = (tenantId: string, scanId: string, status: string, completed: number) => {
    const progress: TaskProgress = { scanId, tenantId, kind: 'SCAN', status, total: 3, completed, failed: 0, quotaConsumed: 0, updatedAt: new Date().toISOString() };
    return store.put(progress);
  };
  const next = async (feed: AsyncIterableIterator<ProgressUpdate>) => {
    const result = await feed.next();
    return result.done ? 'done' : `${result.value.progress.status}:${result.value.progress.completed}`;
  };

  beforeAll(async () => {
    nats = await connect({ servers: TEST_NATS_URL });
    store = await ProgressStore.open(nats);
    hub = new ScanProgressHub(store.kv, createLogger('hub-spec', 'silent'), 200);
  });
  afterAll(async () => {
    hub?.close();
    await nats?.drain();
  });

  it('shares one KV watch among the followers of a task and stops it when the last one leaves', async () => {
    const tenant = `t-${randomUUID().slice(0, 8)}`;
    const scanId = randomUUID();
    await report(tenant, scanId, 'RUNNING', 1);
    const before = await watchedKeys();

    const first = await hub.follow(viewer(tenant), scanId);
    const second = await hub.follow(viewer(tenant), scanId);
    const whileFollowed = await watchedKeys();
    await report(tenant, scanId, 'RUNNING', 2);

    expect([await next(first), await next(first)]).toEqual(['RUNNING:1', 'RUNNING:2']);
    expect([await next(second), await next(second)]).toEqual(['RUNNING:1', 'RUNNING:2']);
    expect(whileFollowed).toBe(before + 1);
    await first.return?.();
    await second.return?.();
    expect(await watchedKeys()).toBe(before);
  });

  it('ends a feed after the terminal status it delivers', async () => {
    const tenant = `t-${randomUUID().slice(0, 8)}`;
    const scanId = randomUUID();
    await report(tenant, scanId, 'RUNNING', 2);
    const feed = await hub.follow(viewer(tenant), scanId);
    expect(await next(feed)).toBe('RUNNING:2');

    await report(tenant, scanId, 'COMPLETED', 3);

    expect([await next(feed), await next(feed)]).toEqual(['COMPLETED:3', 'done']);
  });

  it("looks a task up only under the caller's own tenant", async () => {
    const scanId = randomUUID();
    await report('t-owner', scanId, 'RUNNING', 1);

    await expect(hub.follow(viewer('t-other'), scanId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(hub.follow(viewer('t-other'), 't-owner.*')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('waits briefly for a task whose first progress is written just after the subscription', async () => {
    const tenant = `t-${randomUUID().slice(0, 8)}`;
    const scanId = randomUUID();

    const following = hub.follow(viewer(tenant), scanId);
    await report(tenant, scanId, 'QUEUED', 0);

    expect(await next(await following)).toBe('QUEUED:0');
  });
});
