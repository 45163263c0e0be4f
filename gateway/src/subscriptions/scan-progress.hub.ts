import type { KV, KvEntry } from '@nats-io/kv';
import { progressKey, type TaskProgress } from '@rampart/messaging';
import { BadUserInputError, NotFoundError, RampartError, type Identity, type Logger } from '@rampart/platform';
import { gatewayMetrics } from '../observability/gateway.metrics';
import { PushQueueIterator } from './push-queue.iterator';

/** A task in one of these states changes no more: its subscription completes after sending it. */
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['COMPLETED', 'STOPPED_QUOTA_EXHAUSTED', 'FAILED', 'CANCELLED']);

/** Task ids become the second token of a KV key: no dots or wildcards. */
const TASK_ID = /^[A-Za-z0-9_-]{1,128}$/;
/** Undelivered updates kept per slow subscriber; older ones are dropped (progress is last-value state). */
const FOLLOWER_BACKLOG = 256;

export interface ProgressUpdate {
  progress: TaskProgress;
  /** KV revision: increases with every write to the bucket, so updates are ordered and deduplicated by it. */
  revision: number;
  /** When NATS stored it (ms since epoch). */
  storedAt: number;
}

type Follower = (update: ProgressUpdate | { ended: true; error?: RampartError }) => void;

/** One NATS KV watch of one task's key, shared by every subscriber of that task on this gateway. */
class ProgressKeyWatch {
  latest?: ProgressUpdate;
  references = 0;
  readonly followers = new Set<Follower>();
  readonly started: Promise<void>;
  private firstValueArrived!: () => void;
  readonly firstValue = new Promise<void>((resolve) => (this.firstValueArrived = resolve));
  private stopWatching?: () => void;
  private stopped = false;

  constructor(
    kv: KV,
    readonly key: string,
    private readonly logger: Logger,
  ) {
    this.started = this.start(kv);
  }

  private async start(kv: KV): Promise<void> {
    const updates = await kv.watch({ key: this.key });
    this.stopWatching = () => updates.stop();
    if (this.stopped) updates.stop();
    void (async () => {
      for await (const entry of updates) this.offer(entry);
      if (!this.stopped) this.endAll(new RampartError('INTERNAL_SERVER_ERROR', 'Progress feed interrupted; subscribe again to resume'));
    })().catch((error: unknown) => {
      this.logger.warn({ err: error, key: this.key }, 'scan progress watch failed');
      this.endAll(new RampartError('INTERNAL_SERVER_ERROR', 'Progress feed interrupted; subscribe again to resume'));
    });
    // The watch delivers the current value when there is one; the read tells "none yet" from "not delivered yet".
    const current = await kv.get(this.key);
    if (current) this.offer(current);
  }

  stop(): void {
    this.stopped = true;
    this.stopWatching?.();
  }

  private offer(entry: KvEntry): void {
    if (entry.operation !== 'PUT') {
      this.endAll();
      return;
    }
    if (this.latest && entry.revision <= this.latest.revision) return;
    let progress: TaskProgress;
    try {
      progress = entry.json<TaskProgress>();
    } catch (error) {
      this.logger.warn({ err: error, key: this.key, revision: entry.revision }, 'unreadable scan progress entry');
      return;
    }
    const update: ProgressUpdate = { progress, revision: entry.revision, storedAt: entry.created.getTime() };
    this.latest = update;
    this.firstValueArrived();
    for (const follower of this.followers) follower(update);
  }

  private endAll(error?: RampartError): void {
    for (const follower of [...this.followers]) follower({ ended: true, error });
  }
}

/**
 * Streams task progress from the `scan_progress` KV bucket to subscribers: the current state first,
 * then every change in revision order, ending after a terminal status. One watch per task key per
 * gateway, however many subscribers follow it; a task is only ever looked up under the caller's own
 * tenant (`<tenant>.<task>`), so another tenant's task id is simply not found.
 */
export class ScanProgressHub {
  private readonly watches = new Map<string, ProgressKeyWatch>();

  constructor(
    private readonly kv: KV,
    private readonly logger: Logger,
    /** How long to wait for a task's first progress entry (it may be written just after startScan returns). */
    private readonly waitForFirstMs: number,
  ) {}

  async follow(identity: Identity, taskId: string): Promise<AsyncIterableIterator<ProgressUpdate>> {
    if (!TASK_ID.test(taskId)) throw new BadUserInputError('Invalid scan id', 'scanId');
    const watch = this.acquire(progressKey(identity.tenantId, taskId));
    try {
      await watch.started;
      if (!watch.latest && this.waitForFirstMs > 0) await waitAtMost(watch.firstValue, this.waitForFirstMs);
    } catch (error) {
      this.release(watch);
      throw error;
    }
    const current = watch.latest;
    if (!current) {
      this.release(watch);
      throw new NotFoundError('Scan');
    }
    gatewayMetrics.activeSubscriptions.inc();
    let lastRevision = current.revision;
    const follower: Follower = (update) => {
      if ('ended' in update) {
        if (update.error) feed.fail(update.error);
        else feed.end();
        return;
      }
      if (update.revision <= lastRevision) return;
      lastRevision = update.revision;
      gatewayMetrics.progressDeliveryLag.observe(Math.max(0, Date.now() - update.storedAt) / 1000);
      feed.push(update);
      if (TERMINAL_STATUSES.has(update.progress.status)) feed.end();
    };
    const feed = new PushQueueIterator<ProgressUpdate>(() => {
      watch.followers.delete(follower);
      this.release(watch);
      gatewayMetrics.activeSubscriptions.dec();
    }, FOLLOWER_BACKLOG);
    feed.push(current);
    if (TERMINAL_STATUSES.has(current.progress.status)) feed.end();
    else watch.followers.add(follower);
    return feed;
  }

  /** Stops every watch (gateway shutdown); subscribers' feeds end. */
  close(): void {
    for (const watch of this.watches.values()) {
      for (const follower of [...watch.followers]) follower({ ended: true });
      watch.stop();
    }
    this.watches.clear();
    gatewayMetrics.watchedProgressKeys.set(0);
  }

  private acquire(key: string): ProgressKeyWatch {
    let watch = this.watches.get(key);
    if (!watch) {
      watch = new ProgressKeyWatch(this.kv, key, this.logger);
      this.watches.set(key, watch);
      gatewayMetrics.watchedProgressKeys.set(this.watches.size);
    }
    watch.references += 1;
    return watch;
  }

  private release(watch: ProgressKeyWatch): void {
    watch.references -= 1;
    if (watch.references > 0) return;
    watch.stop();
    if (this.watches.get(watch.key) === watch) this.watches.delete(watch.key);
    gatewayMetrics.watchedProgressKeys.set(this.watches.size);
  }
}

function waitAtMost(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
