import { randomUUID } from 'node:crypto';
import { AckPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import type { EntityManager } from 'typeorm';
import { HEADERS } from '@rampart/contracts';
import { injectTraceContext, type Logger } from '@rampart/platform';

/** A JetStream work queue: a WorkQueue-retention stream on one subject and the durable pull consumer its replicas share. */
export interface WorkQueueSpec {
  stream: string;
  subject: string;
  durable: string;
  description: string;
  /** A worker that died mid-message gives it back after this long. */
  ackWaitMs: number;
  /** Deliveries of one message before it is given up. */
  maxDeliver: number;
}

/** What becomes of a message whose last delivery failed: done (`ack`), dropped (`term`) or left in the stream (`nak`). */
export type FinalDisposition = 'ack' | 'term' | 'nak';

export interface WorkQueueWorkerOptions<T> {
  /** Names the work in logs and termination reasons, e.g. `scan batch`. */
  label: string;
  /** Messages pulled ahead of the one being handled. */
  maxMessages: number;
  /** Tells the server this often that a long handling is still alive, so its ack wait does not run out. */
  workingEveryMs?: number;
  handle(message: T): Promise<void>;
  /** Records that the last delivery failed; a rejection leaves the message in the stream. Without it, it is nak'ed as before. */
  onFinalFailure?(message: T, error: unknown): Promise<FinalDisposition>;
}

const DUPLICATE_WINDOW_MS = 10 * 60 * 1000;

/** Creates the stream and the durable when missing; brings the durable's ack wait and max deliver to the spec's. */
export async function ensureWorkQueue(nats: NatsConnection, spec: WorkQueueSpec): Promise<void> {
  const jsm = await jetstreamManager(nats);
  await jsm.streams.info(spec.stream).catch(async () => {
    await jsm.streams
      .add({
        name: spec.stream,
        subjects: [spec.subject],
        description: spec.description,
        storage: StorageType.File,
        retention: RetentionPolicy.Workqueue,
        duplicate_window: nanos(DUPLICATE_WINDOW_MS),
      })
      .catch(() => jsm.streams.info(spec.stream));
  });
  const config = { durable_name: spec.durable, ack_policy: AckPolicy.Explicit, ack_wait: nanos(spec.ackWaitMs), max_deliver: spec.maxDeliver };
  const existing = await jsm.consumers.info(spec.stream, spec.durable).catch(() => null);
  if (!existing) {
    await jsm.consumers.add(spec.stream, config).catch(() => jsm.consumers.info(spec.stream, spec.durable));
  } else if (existing.config.ack_wait !== config.ack_wait || existing.config.max_deliver !== config.max_deliver) {
    await jsm.consumers.update(spec.stream, spec.durable, { ack_wait: config.ack_wait, max_deliver: config.max_deliver });
  }
}

/** Publishes one piece of work; a second message with the same id within the duplicate window is dropped by the stream. */
export async function enqueueWork(nats: NatsConnection, spec: WorkQueueSpec, message: object, msgId: string): Promise<void> {
  await jetstream(nats).publish(spec.subject, JSON.stringify(message), { msgID: msgId });
}

/**
 * Queues the first piece of a task's work inside the transaction that stores the task, through the outbox: it is
 * queued if and only if the task was stored, so a crash between the two cannot leave a task that nothing will run.
 * (The relay gives it a fresh Nats-Msg-Id; handlers already ignore a piece of work whose turn has passed.)
 */
export async function enqueueWorkInTransaction(manager: EntityManager, spec: WorkQueueSpec, tenantId: string, message: object): Promise<void> {
  await manager.query('INSERT INTO outbox (id, subject, payload, headers, tenant_id) VALUES ($1, $2, $3, $4, $5)', [
    randomUUID(),
    spec.subject,
    Buffer.from(JSON.stringify(message)),
    JSON.stringify(injectTraceContext({ [HEADERS.tenant]: tenantId })),
    tenantId,
  ]);
}

/**
 * Takes JSON messages off a work queue one at a time: acks a handled one, naks a failed one with exponential backoff
 * until its last delivery, where `onFinalFailure` decides its fate, and terminates one that is not JSON.
 */
export class WorkQueueWorker<T extends object> {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;

  constructor(
    private readonly nats: NatsConnection,
    private readonly logger: Logger,
    private readonly spec: WorkQueueSpec,
    private readonly options: WorkQueueWorkerOptions<T>,
  ) {}

  async start(): Promise<void> {
    await ensureWorkQueue(this.nats, this.spec);
    const consumer = await jetstream(this.nats).consumers.get(this.spec.stream, this.spec.durable);
    const messages = await consumer.consume({ max_messages: this.options.maxMessages });
    this.messages = messages;
    this.loop = (async () => {
      for await (const message of messages) await this.receive(message);
    })();
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    await this.loop?.catch(() => undefined);
  }

  private async receive(message: JsMsg): Promise<void> {
    let work: T;
    try {
      work = message.json<T>();
    } catch {
      this.logger.error({ stream: this.spec.stream, seq: message.seq }, `malformed ${this.options.label} message dropped`);
      // A bare +TERM: NATS 2.9 ignores `+TERM <reason>` and would redeliver the message.
      message.term();
      return;
    }
    const { workingEveryMs } = this.options;
    const working = workingEveryMs === undefined ? undefined : setInterval(() => message.working(), workingEveryMs);
    try {
      await this.options.handle(work);
      message.ack();
    } catch (error) {
      await this.failed(message, work, error);
    } finally {
      clearInterval(working);
    }
  }

  private async failed(message: JsMsg, work: T, error: unknown): Promise<void> {
    const { label, onFinalFailure } = this.options;
    const deliveries = message.info.deliveryCount;
    const fields: Record<string, unknown> = { err: error, ...work };
    if (onFinalFailure === undefined || deliveries < this.spec.maxDeliver) {
      this.logger.warn(fields, `${label} failed; will retry`);
      message.nak(Math.min(30_000, 250 * 2 ** deliveries));
      return;
    }
    this.logger.error(fields, `${label} failed on its last delivery`);
    const disposition = await onFinalFailure(work, error).catch((): FinalDisposition => 'nak');
    if (disposition === 'ack') message.ack();
    else if (disposition === 'term') message.term();
    else message.nak();
  }
}
