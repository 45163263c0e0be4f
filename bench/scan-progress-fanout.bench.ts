/**
 * Fan-out of live scan progress: N WebSocket subscribers (graphql-transport-ws) follow one running scan
 * while a writer puts U state changes into the `scan_progress` KV bucket, as a scan worker does. Reports
 * whether every subscriber received every change, and the delivery latency (KV put → message parsed by
 * the subscriber) percentiles. Writer and subscribers share this process's clock. Run:
 *   node -r @swc-node/register bench/scan-progress-fanout.bench.ts [--subscribers 1000] [--updates 20] [--interval-ms 200]
 */
import { randomUUID } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { connect } from '@nats-io/transport-node';
import { ProgressStore, type TaskProgress } from '@rampart/messaging';
import { startE2EStack } from '../e2e/stack.fixture';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const SUBSCRIBERS = arg('subscribers', 1000);
const UPDATES = arg('updates', 20);
const INTERVAL_MS = arg('interval-ms', 200);
const CONNECT_BATCH = 50;

interface Subscriber {
  socket: WebSocket;
  /** completed count → receive time (performance.now()) */
  received: Map<number, number>;
  completed: Promise<void>;
  isCompleted(): boolean;
}

/** A bare graphql-transport-ws client: init, one subscribe, record each `next` (cheaper than a full client ×1000). */
function subscribe(url: string, token: string, scanId: string): Promise<Subscriber> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    const received = new Map<number, number>();
    let markCompleted!: () => void;
    let done = false;
    const completed = new Promise<void>((resolveCompleted) => (markCompleted = resolveCompleted)).then(() => void (done = true));
    let firstState!: () => void;
    const subscribed = new Promise<void>((done) => (firstState = done));
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
    socket.on('message', (data: Buffer) => {
      const at = performance.now();
      const message = JSON.parse(data.toString()) as { type: string; payload?: { data?: { scanProgress: { completed: number } }; errors?: unknown } };
      if (message.type === 'connection_ack') {
        socket.send(
          JSON.stringify({
            id: '1',
            type: 'subscribe',
            payload: { query: 'subscription($id: ID!) { scanProgress(scanId: $id) { scanId status total completed failed quotaConsumed } }', variables: { id: scanId } },
          }),
        );
      } else if (message.type === 'next') {
        if (message.payload?.errors) return reject(new Error(JSON.stringify(message.payload.errors)));
        const state = message.payload?.data?.scanProgress;
        if (state) received.set(state.completed, at);
        firstState();
      } else if (message.type === 'complete') {
        markCompleted();
      } else if (message.type === 'error') {
        reject(new Error(JSON.stringify(message.payload)));
      }
    });
    socket.on('error', reject);
    socket.on('close', (code) => code !== 1000 && reject(new Error(`closed ${code}`)));
    subscribed.then(() => resolve({ socket, received, completed, isCompleted: () => done }), reject);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const loadBefore = loadavg();
  const stack = await startE2EStack({
    deployables: ['gateway'],
    env: { LOG_LEVEL: 'warn', RATE_LIMIT_TENANT_BURST: '1000000', RATE_LIMIT_TENANT_PER_SECOND: '1000000' },
  });
  const nats = await connect({ servers: stack.natsUrl });
  try {
    const store = await ProgressStore.open(nats);
    const tenantId = 'bench-fanout';
    const scanId = randomUUID();
    const state = (status: string, completed: number): TaskProgress => ({
      scanId,
      tenantId,
      kind: 'SCAN',
      status,
      total: UPDATES,
      completed,
      failed: 0,
      quotaConsumed: completed,
      updatedAt: new Date().toISOString(),
    });
    await store.put(state('RUNNING', 0));
    const token = await stack.token(tenantId, ['viewer']);

    const connectStarted = performance.now();
    const subscribers: Subscriber[] = [];
    for (let i = 0; i < SUBSCRIBERS; i += CONNECT_BATCH) {
      subscribers.push(...(await Promise.all(Array.from({ length: Math.min(CONNECT_BATCH, SUBSCRIBERS - i) }, () => subscribe(stack.wsUrl, token, scanId)))));
    }
    const connectSeconds = (performance.now() - connectStarted) / 1000;

    const putAt = new Map<number, number>();
    for (let completed = 1; completed <= UPDATES; completed++) {
      await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
      putAt.set(completed, performance.now());
      await store.put(state(completed === UPDATES ? 'COMPLETED' : 'RUNNING', completed));
    }
    await Promise.race([Promise.all(subscribers.map((s) => s.completed)), new Promise((resolve) => setTimeout(resolve, 30_000))]);

    const latencies: number[] = [];
    let missing = 0;
    for (const subscriber of subscribers) {
      for (const [completed, at] of putAt) {
        const receivedAt = subscriber.received.get(completed);
        if (receivedAt === undefined) missing += 1;
        else latencies.push(receivedAt - at);
      }
    }
    latencies.sort((a, b) => a - b);
    const completedCount = subscribers.filter((subscriber) => subscriber.isCompleted()).length;
    for (const subscriber of subscribers) subscriber.socket.close(1000);

    const ms = (value: number) => `${value.toFixed(1)} ms`;
    process.stdout.write(
      [
        `machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
        `load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
        `${SUBSCRIBERS} subscribers connected and subscribed in ${connectSeconds.toFixed(1)} s`,
        `${UPDATES} updates, one every ${INTERVAL_MS} ms: ${latencies.length} of ${SUBSCRIBERS * UPDATES} deliveries received, ${missing} missing; ${completedCount} of ${SUBSCRIBERS} subscriptions completed`,
        `delivery latency p50 ${ms(percentile(latencies, 50))}  p95 ${ms(percentile(latencies, 95))}  p99 ${ms(percentile(latencies, 99))}  max ${ms(latencies[latencies.length - 1] ?? NaN)}`,
      ].join('\n') + '\n',
    );
  } finally {
    await nats.drain();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
