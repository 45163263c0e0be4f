import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ProgressStore, type TaskProgress } from '@rampart/messaging';
import { SignJWT } from 'jose';
import { E2E_JWT_SECRET, startE2EStack, type E2EStack } from './stack.fixture';
import { SubscriptionProbe, type ProgressResult, type SubscriptionEnd } from './subscription.probe';

const WATCH = `subscription Watch($scanId: ID!) {
  scanProgress(scanId: $scanId) { scanId status total completed failed quotaConsumed }
}`;

type State = [status: string, completed: number];

function progressOf(results: ProgressResult[]): Array<Record<string, unknown>> {
  return results.map((result) => (result.data as { scanProgress: Record<string, unknown> }).scanProgress);
}

function errorCodes(results: ProgressResult[], end: SubscriptionEnd): unknown[] {
  const fromResults = results.flatMap((result) => result.errors ?? []);
  const fromEnd = end.kind === 'errors' ? end.errors : [];
  return [...fromResults, ...fromEnd].map((error) => error.extensions?.code);
}

describe('live scan progress over WebSocket', () => {
  let stack: E2EStack;
  let nats: NatsConnection;
  let progress: ProgressStore;
  const probes: SubscriptionProbe[] = [];

  /** Writes a task's state into the KV bucket, as a scan worker does. */
  const report = (tenantId: string, scanId: string, [status, completed]: State, kind = 'SCAN'): Promise<void> => {
    const state: TaskProgress = {
      scanId,
      tenantId,
      kind,
      status,
      total: 10,
      completed,
      failed: 0,
      quotaConsumed: completed,
      updatedAt: new Date().toISOString(),
    };
    return progress.put(state);
  };
  const watch = async (tenantId: string, scanId: string, roles = ['viewer']) => {
    const probe = new SubscriptionProbe(stack.wsUrl, { authorization: `Bearer ${await stack.token(tenantId, roles)}` }, WATCH, { scanId });
    probes.push(probe);
    return probe;
  };

  beforeAll(async () => {
    stack = await startE2EStack({ deployables: ['gateway'], env: { SCAN_PROGRESS_WAIT_MS: '300' } });
    nats = await connect({ servers: stack.natsUrl });
    progress = await ProgressStore.open(nats);
  }, 180_000);
  afterAll(async () => {
    await Promise.all(probes.map((probe) => probe.dispose()));
    await nats?.drain();
    await stack?.stop();
  });

  it('streams a scan from its current state through every change to its terminal status, then completes', async () => {
    const scanId = randomUUID();
    await report('tenant-live', scanId, ['QUEUED', 0]);
    const probe = await watch('tenant-live', scanId);
    await probe.received(1);
    const changes: State[] = [...Array.from({ length: 9 }, (_, i): State => ['RUNNING', i + 1]), ['COMPLETED', 10]];

    for (const [index, change] of changes.entries()) {
      await report('tenant-live', scanId, change);
      await probe.received(index + 2);
    }

    expect(await probe.ended).toEqual({ kind: 'completed' });
    expect(progressOf(probe.results)).toEqual(
      [['QUEUED', 0] as State, ...changes].map(([status, completed]) => ({ scanId, status, total: 10, completed, failed: 0, quotaConsumed: completed })),
    );
  });

  it('delivers a burst of updates as a monotone sequence ending in the terminal status', async () => {
    const scanId = randomUUID();
    await report('tenant-burst', scanId, ['RUNNING', 0]);
    const probe = await watch('tenant-burst', scanId);
    await probe.received(1);

    for (let completed = 1; completed < 7; completed++) await report('tenant-burst', scanId, ['RUNNING', completed]);
    await report('tenant-burst', scanId, ['STOPPED_QUOTA_EXHAUSTED', 7]);

    expect(await probe.ended).toEqual({ kind: 'completed' });
    const received = progressOf(probe.results);
    const completedCounts = received.map((state) => state.completed as number);
    expect(completedCounts).toEqual([...completedCounts].sort((a, b) => a - b));
    expect(new Set(completedCounts).size).toBe(completedCounts.length);
    expect(received[received.length - 1]).toMatchObject({ status: 'STOPPED_QUOTA_EXHAUSTED', completed: 7 });
    expect(received.slice(0, -1).every((state) => state.status === 'RUNNING')).toBe(true);
  });

  it("refuses another tenant's scan with NOT_FOUND and sends none of its progress", async () => {
    const scanId = randomUUID();
    await report('tenant-owner', scanId, ['RUNNING', 4]);

    const intruder = await watch('tenant-intruder', scanId, ['admin']);
    const end = await intruder.ended;

    expect(errorCodes(intruder.results, end)).toEqual(['NOT_FOUND']);
    expect(intruder.results.every((result) => !result.data)).toBe(true);
  });

  it('resumes a reconnecting client from the current state', async () => {
    const scanId = randomUUID();
    await report('tenant-resume', scanId, ['RUNNING', 3]);
    const first = await watch('tenant-resume', scanId);
    expect(progressOf(await first.received(1))).toEqual([expect.objectContaining({ status: 'RUNNING', completed: 3 })]);
    await first.dispose();

    await report('tenant-resume', scanId, ['RUNNING', 5]);
    const again = await watch('tenant-resume', scanId);

    expect(progressOf(await again.received(1))).toEqual([expect.objectContaining({ status: 'RUNNING', completed: 5 })]);
  });

  it('closes a subscription when the token that opened it expires', async () => {
    const scanId = randomUUID();
    await report('tenant-expiry', scanId, ['RUNNING', 1]);
    const shortLived = await new SignJWT({ tid: 'tenant-expiry', roles: ['viewer'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user@tenant-expiry')
      .setExpirationTime(Math.floor(Date.now() / 1000) + 3)
      .sign(new TextEncoder().encode(E2E_JWT_SECRET));
    const probe = new SubscriptionProbe(stack.wsUrl, { authorization: `Bearer ${shortLived}` }, WATCH, { scanId });
    probes.push(probe);
    expect(progressOf(await probe.received(1))).toEqual([expect.objectContaining({ status: 'RUNNING', completed: 1 })]);
    expect(await probe.ended).toEqual({ kind: 'closed', code: 4401, reason: 'Token expired' });
  });

  it("sends a finished task's final state once and completes", async () => {
    const scanId = randomUUID();
    await report('tenant-done', scanId, ['CANCELLED', 2]);

    const probe = await watch('tenant-done', scanId);

    expect(await probe.ended).toEqual({ kind: 'completed' });
    expect(progressOf(probe.results)).toEqual([expect.objectContaining({ status: 'CANCELLED', completed: 2 })]);
  });

  it('serves baseline tasks from the same bucket', async () => {
    const taskId = randomUUID();
    await report('tenant-hosts', taskId, ['RUNNING', 1], 'BASELINE_SCAN');
    const probe = await watch('tenant-hosts', taskId);
    await probe.received(1);

    await report('tenant-hosts', taskId, ['FAILED', 1], 'BASELINE_SCAN');

    expect(await probe.ended).toEqual({ kind: 'completed' });
    expect(progressOf(probe.results).map((state) => state.status)).toEqual(['RUNNING', 'FAILED']);
  });

  it.each([
    ['no credentials', {}],
    ['a token signed with another secret', { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJ0aWQiOiJ4Iiwicm9sZXMiOlsiYWRtaW4iXSwic3ViIjoieCIsImV4cCI6NDEwMjQ0NDgwMH0.c2ln' }],
    ['a malformed API key', { 'x-api-key': 'rk_not_a_key' }],
  ])('closes a connection that presents %s with 4401', async (_name, connectionParams) => {
    const probe = new SubscriptionProbe(stack.wsUrl, connectionParams, WATCH, { scanId: randomUUID() });
    probes.push(probe);

    expect(await probe.closed()).toMatchObject({ code: 4401 });
    expect(probe.results).toEqual([]);
  });

  it('applies the HTTP alias and token limits to subscriptions', async () => {
    const token = await stack.token('tenant-limits', ['viewer']);
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: scanId`).join(' ');
    const tooManyAliases = new SubscriptionProbe(stack.wsUrl, { authorization: `Bearer ${token}` }, `subscription { scanProgress(scanId: "x") { ${aliases} } }`);
    const tooManyTokens = new SubscriptionProbe(
      stack.wsUrl,
      { authorization: `Bearer ${token}` },
      `subscription { scanProgress(scanId: "x") { ${'scanId '.repeat(2100)} } }`,
    );
    probes.push(tooManyAliases, tooManyTokens);

    const [aliasEnd, tokenEnd] = await Promise.all([tooManyAliases.ended, tooManyTokens.ended]);

    expect(aliasEnd).toEqual({ kind: 'errors', errors: [expect.objectContaining({ message: expect.stringMatching(/Aliases limit of 15 exceeded/), extensions: { code: 'BAD_USER_INPUT' } })] });
    expect(tokenEnd).toEqual({ kind: 'errors', errors: [expect.objectContaining({ message: expect.stringMatching(/more that 2000 tokens/), extensions: { code: 'BAD_USER_INPUT' } })] });
  });

  it('sends queries and mutations back to HTTP', async () => {
    const probe = new SubscriptionProbe(stack.wsUrl, { authorization: `Bearer ${await stack.token('tenant-q')}` }, '{ _empty }');
    probes.push(probe);

    expect(await probe.ended).toEqual({ kind: 'errors', errors: [expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } })] });
  });
});
