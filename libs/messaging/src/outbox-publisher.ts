import { createInbox, headers as natsHeaders, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { encodeEventPayload } from './event-payload.encoding';

export interface OutgoingEvent {
  subject: string;
  payload: Uint8Array;
  /** Becomes `Nats-Msg-Id`: JetStream drops a second publish of the same id within its duplicate window. */
  msgId: string;
  /** The outbox row's headers: tenant, event type, and the producer's `traceparent`/`baggage`. */
  headers: Record<string, string>;
}

/** Why an event was not stored, per event of a batch; `null` when JetStream acknowledged it. */
export type PublishOutcome = string | null;

interface Waiting {
  outcomes: PublishOutcome[];
  pending: number;
  done: () => void;
}

/**
 * Publishes a batch of events to JetStream and waits for every acknowledgement at once: each event goes out as a
 * plain publish whose reply subject names its place in the batch, and the acks come back on one subscription. The
 * same protocol as `js.publish` (a request to the stream's subject, answered with a PubAck), without a promise,
 * timer and captured stack per event.
 */
export class OutboxPublisher {
  private subscription?: Subscription;
  private readonly prefix = createInbox('_INBOX.outbox');
  private batch = 0;
  private readonly waiting = new Map<number, Waiting>();

  constructor(
    private readonly nats: NatsConnection,
    private readonly timeoutMs = 5000,
  ) {}

  async publish(events: OutgoingEvent[]): Promise<PublishOutcome[]> {
    this.subscribe();
    const batch = ++this.batch;
    const outcomes: PublishOutcome[] = events.map(() => 'no acknowledgement within the timeout');
    const settled = new Promise<void>((resolve) => {
      const waiting: Waiting = { outcomes, pending: events.length, done: resolve };
      this.waiting.set(batch, waiting);
      for (const [index, event] of events.entries()) {
        const h = natsHeaders();
        for (const [key, value] of Object.entries(event.headers)) h.set(key, value);
        h.set('Nats-Msg-Id', event.msgId);
        try {
          const wire = encodeEventPayload(event.payload);
          if (wire.header) h.set(...wire.header);
          this.nats.publish(event.subject, wire.payload, { reply: `${this.prefix}.${batch}.${index}`, headers: h });
        } catch (error) {
          outcomes[index] = error instanceof Error ? error.message : String(error);
          waiting.pending--;
        }
      }
      if (waiting.pending === 0) resolve();
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([settled, new Promise<void>((resolve) => (timer = setTimeout(resolve, this.timeoutMs)))]);
    clearTimeout(timer);
    this.waiting.delete(batch);
    return outcomes;
  }

  close(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  private subscribe(): void {
    if (this.subscription) return;
    this.subscription = this.nats.subscribe(`${this.prefix}.>`, {
      callback: (error, msg) => {
        if (error === null) this.acknowledge(msg);
      },
    });
  }

  private acknowledge(msg: Msg): void {
    const tokens = msg.subject.slice(this.prefix.length + 1).split('.');
    const waiting = this.waiting.get(Number(tokens[0]));
    const index = Number(tokens[1]);
    if (!waiting || waiting.outcomes[index] === null || index >= waiting.outcomes.length) return;
    waiting.outcomes[index] = ackFailure(msg);
    if (--waiting.pending === 0) waiting.done();
  }
}

/** `null` for a PubAck; otherwise why the stream did not store the message. */
function ackFailure(msg: Msg): string | null {
  if (msg.headers?.hasError) return `${msg.headers.code} ${msg.headers.description}`.trim() || 'no responders';
  if (msg.data.length === 0) return 'empty acknowledgement (no stream for this subject?)';
  try {
    const ack = msg.json<{ stream?: string; error?: { code?: number; description?: string } }>();
    if (ack.error) return `${ack.error.code ?? ''} ${ack.error.description ?? 'JetStream error'}`.trim();
    return ack.stream ? null : 'invalid acknowledgement';
  } catch {
    return 'invalid acknowledgement';
  }
}
