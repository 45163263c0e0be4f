import type { EntityManager } from 'typeorm';
import { RampartError, type TenantDatabase } from '@rampart/platform';
import { withTransactionRetry } from './transaction-retry';

interface Queued {
  work: (manager: EntityManager) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { value: unknown } | { error: RampartError };

/**
 * Group commit per tenant (TigerBeetle batches for the same reason): calls for a tenant that
 * arrive while one of its transactions runs wait for it, then run together in the next
 * transaction, under one lock and one commit. A lone call runs at once. Every call still answers
 * only after its transaction committed. A call refusing with a RampartError does not undo the
 * others, so work must refuse before writing anything it would not want committed (here, only
 * idempotent settlement may precede a refusal); any other error reruns each call on its own.
 */
export class TenantTransactionBatcher {
  private readonly queues = new Map<string, Queued[]>();

  constructor(
    private readonly database: TenantDatabase,
    private readonly maxBatch = 32,
  ) {}

  run<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const item: Queued = { work, resolve: resolve as (value: unknown) => void, reject };
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
    while (queue.length > 0) await this.runBatch(tenantId, queue.splice(0, this.maxBatch));
    this.queues.delete(tenantId);
  }

  private async runBatch(tenantId: string, batch: Queued[]): Promise<void> {
    try {
      const outcomes = await withTransactionRetry(() =>
        this.database.run(tenantId, async (manager) => {
          const results: Outcome[] = [];
          for (const item of batch) {
            try {
              results.push({ value: await item.work(manager) });
            } catch (error) {
              if (!(error instanceof RampartError) || batch.length === 1) throw error;
              results.push({ error });
            }
          }
          return results;
        }),
      );
      outcomes.forEach((outcome, index) => {
        if ('error' in outcome) batch[index].reject(outcome.error);
        else batch[index].resolve(outcome.value);
      });
    } catch (error) {
      if (batch.length === 1 || error instanceof RampartError) {
        batch.forEach((item) => item.reject(error));
        return;
      }
      for (const item of batch) await this.runBatch(tenantId, [item]);
    }
  }
}
