import { jetstream, jetstreamManager, RetentionPolicy, type ConsumerInfo, type JetStreamManager } from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import { TEST_NATS_URL } from '@rampart/testing';
import { enqueueWork, ensureWorkQueue, WorkQueueWorker, type WorkQueueSpec, type WorkQueueWorkerOptions } from '@rampart/messaging';
import { silentLogger } from './messaging.fixture';

interface Job {
  id: string;
}

/** Resolves when `done` is called: tests await what the worker did instead of sleeping. */
function signal<T = void>(): { promise: Promise<T>; done: (value: T) => void } {
  let done!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (done = resolve));
  return { promise, done };
}

const alwaysFails = async (): Promise<void> => {
  throw new Error('always');
};

describe('work queue: a WorkQueue stream, its shared durable and a worker', () => {
  let nats: NatsConnection;
  let jsm: JetStreamManager;
  const streams: string[] = [];
  const workers: Array<WorkQueueWorker<Job>> = [];
  let counter = 0;

  beforeAll(async () => {
    nats = await connect({ servers: TEST_NATS_URL });
    jsm = await jetstreamManager(nats);
  });

  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop();
    for (const stream of streams.splice(0)) await jsm.streams.delete(stream).catch(() => undefined);
  });

  afterAll(async () => {
    await nats?.drain();
  });

  function uniqueQueue(overrides: Partial<WorkQueueSpec> = {}): WorkQueueSpec {
    const name = `TEST_WORK_${Date.now().toString(36)}_${process.pid}_${(counter += 1)}`;
    streams.push(name);
    return { stream: name, subject: `test-work.${name}`, durable: `${name}-workers`, description: 'test work', ackWaitMs: 30_000, maxDeliver: 5, ...overrides };
  }

  async function startWorker(spec: WorkQueueSpec, options: Partial<WorkQueueWorkerOptions<Job>> & Pick<WorkQueueWorkerOptions<Job>, 'handle'>) {
    const worker = new WorkQueueWorker<Job>(nats, silentLogger, spec, { label: 'test job', maxMessages: 2, ...options });
    workers.push(worker);
    await worker.start();
    return worker;
  }

  /** Re-reads the queue after each round trip until `done` holds: the server applies acks after answering them. */
  async function queueUntil(spec: WorkQueueSpec, done: (messages: number, consumer: ConsumerInfo) => boolean): Promise<ConsumerInfo> {
    for (;;) {
      const [stream, consumer] = await Promise.all([jsm.streams.info(spec.stream), jsm.consumers.info(spec.stream, spec.durable)]);
      if (done(stream.state.messages, consumer)) return consumer;
      await nats.flush();
    }
  }

  const drained = (messages: number, consumer: ConsumerInfo) => messages === 0 && consumer.num_ack_pending === 0;

  /**
   * The first acknowledgement the worker sends that starts with `kind`, read off the wire.
   * The worker shares this connection, so the subscription reaches the server before any of its replies.
   */
  function firstReply(spec: WorkQueueSpec, kind: string): Promise<string> {
    const subscription = nats.subscribe(`$JS.ACK.${spec.stream}.>`);
    return (async () => {
      for await (const reply of subscription) {
        if (!reply.string().startsWith(kind)) continue;
        subscription.unsubscribe();
        return reply.string();
      }
      throw new Error(`no ${kind} reply`);
    })();
  }

  it('creates a WorkQueue stream and a durable with the spec ack wait and max deliver, and brings a drifted durable back', async () => {
    const spec = uniqueQueue({ ackWaitMs: 12_000, maxDeliver: 7 });
    await ensureWorkQueue(nats, spec);
    await ensureWorkQueue(nats, spec);
    const stream = await jsm.streams.info(spec.stream);
    expect(stream.config).toMatchObject({ subjects: [spec.subject], retention: RetentionPolicy.Workqueue, description: 'test work', duplicate_window: nanos(600_000) });
    expect((await jsm.consumers.info(spec.stream, spec.durable)).config).toMatchObject({ ack_wait: nanos(12_000), max_deliver: 7 });

    await ensureWorkQueue(nats, { ...spec, ackWaitMs: 20_000, maxDeliver: 9 });
    expect((await jsm.consumers.info(spec.stream, spec.durable)).config).toMatchObject({ ack_wait: nanos(20_000), max_deliver: 9 });
  });

  it('hands each message to the handler once and acks it off the queue', async () => {
    const spec = uniqueQueue();
    const handled: Job[] = [];
    const second = signal();
    await startWorker(spec, {
      handle: async (job) => {
        handled.push(job);
        if (handled.length === 2) second.done();
      },
    });
    await enqueueWork(nats, spec, { id: 'a' }, 'a');
    await enqueueWork(nats, spec, { id: 'b' }, 'b');
    await second.promise;
    await queueUntil(spec, drained);
    expect(handled).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('redelivers a failed message with exponential backoff until it succeeds', async () => {
    const spec = uniqueQueue();
    const startedAt: number[] = [];
    const succeeded = signal();
    await startWorker(spec, {
      handle: async () => {
        startedAt.push(Date.now());
        if (startedAt.length < 3) throw new Error('not yet');
        succeeded.done();
      },
    });
    await enqueueWork(nats, spec, { id: 'flaky' }, 'flaky');
    await succeeded.promise;
    await queueUntil(spec, drained);
    expect(startedAt).toHaveLength(3);
    // The first failure waits 250 ms × 2¹ before its redelivery, the second 250 ms × 2².
    expect(startedAt[1]! - startedAt[0]!).toBeGreaterThanOrEqual(500);
    expect(startedAt[2]! - startedAt[1]!).toBeGreaterThanOrEqual(1000);
  });

  it('calls onFinalFailure once, at the last delivery, with the message and the error, and settles as it answers', async () => {
    const spec = uniqueQueue({ maxDeliver: 2 });
    const attempts: Job[] = [];
    const failures: Array<[Job, unknown]> = [];
    const termination = firstReply(spec, '+TERM');
    await startWorker(spec, {
      handle: async (job) => {
        attempts.push(job);
        throw new Error(`attempt ${attempts.length} failed`);
      },
      onFinalFailure: async (job, error) => {
        failures.push([job, error]);
        return 'term';
      },
    });
    await enqueueWork(nats, spec, { id: 'doomed' }, 'doomed');
    expect(await termination).toBe('+TERM');
    await queueUntil(spec, drained);
    expect(attempts).toEqual([{ id: 'doomed' }, { id: 'doomed' }]);
    expect(failures).toEqual([[{ id: 'doomed' }, new Error('attempt 2 failed')]]);
  });

  it('acks a message whose final failure was recorded when onFinalFailure answers ack', async () => {
    const spec = uniqueQueue({ maxDeliver: 1 });
    const recorded = signal();
    await startWorker(spec, {
      handle: alwaysFails,
      onFinalFailure: async () => {
        recorded.done();
        return 'ack';
      },
    });
    await enqueueWork(nats, spec, { id: 'recorded' }, 'recorded');
    await recorded.promise;
    await queueUntil(spec, drained);
  });

  it('leaves the message in the queue when recording its final failure fails too', async () => {
    const spec = uniqueQueue({ maxDeliver: 1 });
    const nak = firstReply(spec, '-NAK');
    await startWorker(spec, {
      handle: alwaysFails,
      onFinalFailure: async () => {
        throw new Error('the database is away as well');
      },
    });
    await enqueueWork(nats, spec, { id: 'unrecorded' }, 'unrecorded');
    expect(await nak).toBe('-NAK');
    expect((await jsm.streams.info(spec.stream)).state.messages).toBe(1);
  });

  it('naks the last delivery with backoff like any other when there is no onFinalFailure', async () => {
    const spec = uniqueQueue({ maxDeliver: 1 });
    const nak = firstReply(spec, '-NAK');
    await startWorker(spec, {
      handle: alwaysFails,
    });
    await enqueueWork(nats, spec, { id: 'given up' }, 'given-up');
    expect(JSON.parse((await nak).slice('-NAK'.length))).toEqual({ delay: nanos(500) });
  });

  it('terminates a message that is not JSON without handing it to the handler', async () => {
    const spec = uniqueQueue();
    const handled: Job[] = [];
    const termination = firstReply(spec, '+TERM');
    await startWorker(spec, {
      handle: async (job) => {
        handled.push(job);
      },
    });
    await jetstream(nats).publish(spec.subject, '{not json');
    expect(await termination).toBe('+TERM');
    await queueUntil(spec, drained);
    expect(handled).toEqual([]);
  });

  it('keeps one message per message id within the duplicate window', async () => {
    const spec = uniqueQueue();
    await ensureWorkQueue(nats, spec);
    await enqueueWork(nats, spec, { id: 'one' }, 'same-id');
    await enqueueWork(nats, spec, { id: 'one again' }, 'same-id');
    await enqueueWork(nats, spec, { id: 'two' }, 'other-id');
    expect((await jsm.streams.info(spec.stream)).state.messages).toBe(2);
  });

  it('stops after the message in hand is handled and acked, and takes no more', async () => {
    const spec = uniqueQueue();
    const inHand = signal();
    const release = signal();
    const handled: Job[] = [];
    const worker = await startWorker(spec, {
      handle: async (job) => {
        inHand.done();
        await release.promise;
        handled.push(job);
      },
    });
    await enqueueWork(nats, spec, { id: 'in hand' }, 'in-hand');
    await inHand.promise;
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await nats.flush();
    expect(stopped).toBe(false);
    release.done();
    await stopping;
    expect(handled).toEqual([{ id: 'in hand' }]);
    await queueUntil(spec, drained);

    await enqueueWork(nats, spec, { id: 'after stop' }, 'after-stop');
    await nats.flush();
    expect((await jsm.streams.info(spec.stream)).state.messages).toBe(1);
    expect(handled).toEqual([{ id: 'in hand' }]);
  });
});
