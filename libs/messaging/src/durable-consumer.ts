import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import { fromBinary, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import type { EntityManager } from 'typeorm';
import { HEADERS, type EventContract } from '@rampart/contracts';
import type { Logger, TenantDatabase } from '@rampart/platform';
import { ensureStreams } from './streams';

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
    try {
      const event = fromBinary(handler.contract.schema, message.data);
      await this.database.run(tenantId, async (manager) => {
        const fresh = (await manager.query(
          'INSERT INTO inbox (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1',
          [this.options.durable, messageId],
        )) as unknown[];
        if (fresh.length === 0) return; // applied before a crash or a redelivery: nothing to do
        await handler.handle(manager, event, meta);
      });
      await this.options.hooks?.beforeAck?.(meta);
      message.ack();
    } catch (error) {
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
