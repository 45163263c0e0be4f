import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import { fromBinary, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import type { EntityManager } from 'typeorm';
import { HEADERS, type EventContract } from '@rampart/contracts';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { extractTraceContext, histogramMetric, type Logger, type TenantDatabase } from '@rampart/platform';
import { ensureStreams } from './streams';
import { decodeEventPayload, PAYLOAD_ENCODING_HEADER } from './event-payload.encoding';

export interface EventMeta {
  tenantId: string;
  messageId: string;
  subject: string;
  /** Stream sequence: increases with publication order. */
  streamSequence: number;
}

export interface EventHandler<S extends DescMessage = DescMessage> {
  contract: EventContract<S>;
  /** Applies the event inside the tenant's transaction; the inbox row commits with it. */
  handle(manager: EntityManager, event: MessageShape<S>, meta: EventMeta): Promise<void>;
}

export interface DurableConsumerOptions {
  /** Durable name, `<service>-<handler>`; replicas of the service share it (queue semantics). */
  durable: string;
  stream: string;
  handlers: EventHandler[];
  maxDeliver?: number;
  ackWaitMs?: number;
  /** Where a new durable starts: the whole stream (a new service catches up) or only new messages. */
  deliver?: 'all' | 'new';
  /** Test hooks to stop the process at a precise point. */
  hooks?: { beforeAck?: (meta: EventMeta) => void | Promise<void> };
}

const eventLag = histogramMetric({
  name: 'rampart_event_lag_seconds',
  help: 'Time from an event being stored in its JetStream stream to a consumer starting to apply it',
  labelNames: ['consumer', 'subject'] as const,
  buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120, 600],
});
const tracer = trace.getTracer('@rampart/messaging');

/**
 * A durable pull consumer with an inbox: each message is applied in one transaction together with
 * an `(consumer, message_id)` inbox row, then acknowledged. A redelivery after a crash finds the
 * inbox row and only acks; a poison message is terminated after `maxDeliver` tries and kept in
 * `dead_letter` for inspection.
 */
export class DurableConsumer {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private readonly bySubject = new Map<string, EventHandler>();
  private readonly maxDeliver: number;

  constructor(
    private readonly database: TenantDatabase,
    private readonly nats: NatsConnection,
    private readonly logger: Logger,
    private readonly options: DurableConsumerOptions,
  ) {
    for (const handler of options.handlers) this.bySubject.set(handler.contract.subject, handler);
    this.maxDeliver = options.maxDeliver ?? 8;
  }

  async start(): Promise<void> {
    await ensureStreams(this.nats, [this.options.stream]);
    const jsm = await jetstreamManager(this.nats);
    const config = {
      durable_name: this.options.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: this.options.deliver === 'new' ? DeliverPolicy.New : DeliverPolicy.All,
      // One subject: a server-side filter. Several: the whole stream, unhandled subjects acked and
      // skipped (filter_subjects needs NATS 2.10; Debian 12 ships 2.9).
      ...(this.bySubject.size === 1 ? { filter_subject: [...this.bySubject.keys()][0] } : {}),
      max_deliver: this.maxDeliver,
      ack_wait: nanos(this.options.ackWaitMs ?? 30_000),
    };
    try {
      await jsm.consumers.info(this.options.stream, this.options.durable);
      await jsm.consumers.update(this.options.stream, this.options.durable, {
        max_deliver: config.max_deliver,
        ack_wait: config.ack_wait,
      });
    } catch {
      await jsm.consumers.add(this.options.stream, config).catch(async (error: unknown) => {
        await jsm.consumers.info(this.options.stream, this.options.durable).catch(() => {
          throw error;
        });
      });
    }
    const consumer = await jetstream(this.nats).consumers.get(this.options.stream, this.options.durable);
    this.messages = await consumer.consume({ max_messages: 256 });
    const messages = this.messages;
    this.loop = (async () => {
      for await (const message of messages) await this.process(message);
    })();
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    await this.loop?.catch(() => undefined);
  }

  private async process(message: JsMsg): Promise<void> {
    const tenantId = message.headers?.get(HEADERS.tenant) ?? '';
    const messageId = message.headers?.get('Nats-Msg-Id') || `${message.info.stream}:${message.seq}`;
    const meta: EventMeta = { tenantId, messageId, subject: message.subject, streamSequence: message.seq };
    const handler = this.bySubject.get(message.subject);
    if (!handler) {
      message.ack(); // another event on the same stream; not ours to apply
      return;
    }
    eventLag.observe(
      { consumer: this.options.durable, subject: message.subject },
      Math.max(0, Date.now() - Number(message.info.timestampNanos) / 1e6) / 1000,
    );
    // Continue the producer's trace (its `traceparent` rode in the message headers).
    const carrier: Record<string, string> = {};
    for (const key of message.headers?.keys() ?? []) carrier[key.toLowerCase()] = message.headers?.get(key) ?? '';
    const parent = extractTraceContext(carrier);
    const span = tracer.startSpan(
      `${message.subject} process`,
      {
        kind: SpanKind.CONSUMER,
        attributes: { 'messaging.system': 'nats', 'messaging.destination.name': message.subject, 'messaging.consumer.group.name': this.options.durable },
      },
      parent,
    );
    try {
      await context.with(trace.setSpan(parent, span), () => this.apply(message, handler, meta));
    } finally {
      span.end();
    }
  }

  private async apply(message: JsMsg, handler: EventHandler, meta: EventMeta): Promise<void> {
    try {
      const event = fromBinary(handler.contract.schema, decodeEventPayload(message.data, message.headers?.get(PAYLOAD_ENCODING_HEADER) || undefined));
      await this.database.run(meta.tenantId, async (manager) => {
        const fresh = (await manager.query(
          'INSERT INTO inbox (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1',
          [this.options.durable, meta.messageId],
        )) as unknown[];
        if (fresh.length === 0) return; // applied before a crash or a redelivery: nothing to do
        await handler.handle(manager, event, meta);
      });
      await this.options.hooks?.beforeAck?.(meta);
      message.ack();
    } catch (error) {
      trace.getActiveSpan()?.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      if (message.info.deliveryCount >= this.maxDeliver) {
        this.logger.error({ err: error, ...meta }, 'message failed too often; moved to dead_letter');
        await this.deadLetter(message, meta, error).catch((dlqError: unknown) =>
          this.logger.error({ err: dlqError }, 'could not record dead letter'),
        );
        message.term();
      } else {
        this.logger.warn({ err: error, ...meta, deliveries: message.info.deliveryCount }, 'message failed; will retry');
        message.nak(Math.min(30_000, 250 * 2 ** message.info.deliveryCount));
      }
    }
  }

  private async deadLetter(message: JsMsg, meta: EventMeta, error: unknown): Promise<void> {
    const headers: Record<string, string> = {};
    for (const key of message.headers?.keys() ?? []) headers[key] = message.headers?.get(key) ?? '';
    await this.database.runUnscoped((manager) =>
      manager.query(
        `INSERT INTO dead_letter (consumer, message_id, subject, payload, headers, error, deliveries)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [
          this.options.durable,
          meta.messageId,
          meta.subject,
          Buffer.from(message.data),
          JSON.stringify(headers),
          error instanceof Error ? error.message : String(error),
          message.info.deliveryCount,
        ],
      ),
    );
  }
}
