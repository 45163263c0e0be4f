import { Client } from 'pg';
import type { NatsConnection } from '@nats-io/transport-node';
import type { TenantDatabase } from '@rampart/platform';
import type { Logger } from '@rampart/platform';
import { OutboxPublisher } from './outbox-publisher';

export interface OutboxRelayOptions {
  batchSize?: number;
  /** Poll interval when no NOTIFY arrives (a safety net; NOTIFY wakes the relay at once). */
  pollMs?: number;
  /** Test hooks to stop the process at a precise point. */
  hooks?: { afterPublish?: (ids: string[]) => void | Promise<void> };
}

interface OutboxRow {
  seq: string;
  id: string;
  subject: string;
  payload: Buffer;
  headers: Record<string, string>;
}

/** Only one relay per service database publishes at a time, which keeps events in commit order. */
const RELAY_LOCK = 4242002;
/** Publish attempts before an outbox row is set aside (kept, with its last error, for inspection). */
const MAX_ATTEMPTS = 5;

/**
 * Publishes committed outbox rows to JetStream with `Nats-Msg-Id` = outbox id, then marks them.
 * A relay that dies between publish and mark republishes the same ids, which JetStream's duplicate
 * window drops and consumers' inboxes ignore: exactly one effect either way.
 */
export class OutboxRelay {
  private readonly publisher: OutboxPublisher;
  private listener?: Client;
  private running = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private readonly batchSize: number;
  private readonly pollMs: number;

  constructor(
    private readonly database: TenantDatabase,
    nats: NatsConnection,
    private readonly logger: Logger,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.publisher = new OutboxPublisher(nats);
    this.batchSize = options.batchSize ?? 2000;
    this.pollMs = options.pollMs ?? 1000;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const url = (this.database.dataSource.options as { url?: string }).url;
    this.listener = new Client({ connectionString: url });
    await this.listener.connect();
    this.listener.on('notification', () => this.wake?.());
    this.listener.on('error', (error) => this.logger.warn({ err: error }, 'outbox listener connection error'));
    await this.listener.query('LISTEN outbox');
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.publisher.close();
    await this.listener?.end().catch(() => undefined);
  }

  /** Publishes everything pending now; returns how many rows it published. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.publishBatch();
      total += published;
      if (published < this.batchSize) return total;
    }
  }

  private async run(): Promise<void> {
    let cycles = 0;
    while (this.running) {
      try {
        await this.drain();
        if (++cycles % 600 === 0) await this.prunePublished();
      } catch (error) {
        this.logger.error({ err: error }, 'outbox relay cycle failed; retrying');
      }
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  private async publishBatch(): Promise<number> {
    return this.database.runUnscoped(async (manager) => {
      const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [RELAY_LOCK])) as Array<{
        locked: boolean;
      }>;
      if (!locked) return 0;
      const rows = (await manager.query(
        `SELECT seq, id, subject, payload, headers FROM outbox WHERE published_at IS NULL AND attempts < ${MAX_ATTEMPTS} ORDER BY seq LIMIT $1`,
        [this.batchSize],
      )) as OutboxRow[];
      if (rows.length === 0) return 0;
      // Every event of the batch in flight at once (at most batchSize acknowledgements awaited), in commit order.
      const failures = await this.publisher.publish(
        rows.map((row) => ({ subject: row.subject, payload: row.payload, msgId: row.id, headers: row.headers })),
      );
      await this.options.hooks?.afterPublish?.(rows.map((row) => row.id));
      const published = rows.filter((_, index) => failures[index] === null);
      await manager.query('UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])', [published.map((row) => row.seq)]);
      // A row that cannot be published (e.g. over the server's max_payload) must not stall every
      // later event: count its failures and set it aside after MAX_ATTEMPTS, loudly.
      for (const [index, reason] of failures.entries()) {
        if (reason === null) continue;
        const row = rows[index];
        const [{ attempts }] = (await manager.query(
          'UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE seq = $1 RETURNING attempts',
          [row.seq, reason],
        )) as Array<{ attempts: number }>;
        const log = { outboxId: row.id, subject: row.subject, bytes: row.payload.length, attempts, reason };
        if (attempts >= MAX_ATTEMPTS) this.logger.error(log, 'outbox event set aside after repeated publish failures');
        else this.logger.warn(log, 'outbox event not published; will retry');
      }
      return rows.length;
    });
  }

  private async prunePublished(): Promise<void> {
    await this.database.runUnscoped((manager) =>
      manager.query("DELETE FROM outbox WHERE published_at < now() - interval '1 day'"),
    );
  }
}
