import type { EntityManager } from 'typeorm';
import { RampartError, type TenantDatabase } from '@rampart/platform';
import { withTransactionRetry } from './transaction-retry';

/** What a batch answers for one call: its value, or the refusal of that call alone. */
export type BatchOutcome<R> = { value: R } | { error: RampartError };

/** How a batcher runs calls inside a tenant transaction. */
export interface BatchWork<C, R> {
  /** Serialises the tenant (takes its lock) before the batch's calls are chosen. */
  prepare(manager: EntityManager, tenantId: string): Promise<void>;
  /** One outcome per call, in order. A RampartError answers that call only; anything thrown undoes all. */
  apply(manager: EntityManager, tenantId: string, calls: C[]): Promise<Array<BatchOutcome<R>>>;
}

interface Queued<C, R> {
  call: C;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit per tenant (TigerBeetle batches for the same reason): calls for a tenant that
 * arrive while one of its transactions runs wait for it, then are applied together in the next
 * transaction, under one lock and one commit. A lone call runs at once. Every call still answers
 * only after its transaction committed. The next transaction opens and queues for the tenant's
 * lock while the previous one commits, and takes the waiting calls once it holds the lock, so the
 * calls that arrived during that commit join it too.
 *
 * A call refused with a RampartError does not undo the others, so the work must refuse before
 * writing anything it would not want committed (here, only idempotent settlement may precede a
 * refusal); a lone call's refusal rolls its transaction back; any other error reruns each call on
 * its own.
 */
export class TenantTransactionBatcher<C, R> {
  private readonly queues = new Map<string, Array<Queued<C, R>>>();

  constructor(
    private readonly database: TenantDatabase,
    private readonly work: BatchWork<C, R>,
    private readonly maxBatch = 128,
  ) {}

  run(tenantId: string, call: C): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const item: Queued<C, R> = { call, resolve, reject };
      const queue = this.queues.get(tenantId);
      if (queue) {
        queue.push(item);
        return;
      }
      this.queues.set(tenantId, [item]);
      void this.drain(tenantId);
    });
  }

  private async drain(tenantId: string): Promise<void> {
    const queue = this.queues.get(tenantId) ?? [];
    while (queue.length > 0) {
      await new Promise<void>((applied) => {
        void this.runBatch(tenantId, () => queue.splice(0, this.maxBatch), applied);
      });
    }
    this.queues.delete(tenantId);
  }

  /** Runs the calls `take` returns once the tenant is locked; `applied` fires when they no longer need the lock. */
  private async runBatch(tenantId: string, take: () => Array<Queued<C, R>>, applied: () => void = () => undefined): Promise<void> {
    let batch: Array<Queued<C, R>> | undefined;
    try {
      const outcomes = await withTransactionRetry(() =>
        this.database.run(tenantId, async (manager) => {
          await this.work.prepare(manager, tenantId);
          batch ??= take();
          const results = await this.work.apply(manager, tenantId, batch.map((item) => item.call));
          const [only] = results;
          if (batch.length === 1 && 'error' in only) throw only.error;
          applied();
          return results;
        }),
      );
      outcomes.forEach((outcome, index) => {
        if ('error' in outcome) batch?.[index].reject(outcome.error);
        else batch?.[index].resolve(outcome.value);
      });
    } catch (error) {
      batch ??= take();
      applied();
      if (batch.length === 1 || error instanceof RampartError) {
        batch.forEach((item) => item.reject(error));
        return;
      }
      for (const item of batch) await this.runBatch(tenantId, () => [item]);
    }
  }
}
