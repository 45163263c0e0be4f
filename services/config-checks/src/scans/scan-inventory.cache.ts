import { loadReplicatedAssets } from '@rampart/messaging';
import type { TenantDatabase } from '@rampart/platform';
import type { CheckEvaluator, ScanIndex } from '../checks';

/** Tasks whose indexed inventory a worker keeps (a scan's batches arrive one after another). */
const TASKS_KEPT = 2;

/**
 * The inventory a task's batches are evaluated against, read from the replica and indexed once per task and worker
 * (not once per batch): checks look across the account (security groups of an instance, the account's trails), so
 * every batch needs the whole inventory as context. Age-based checks measure against the task's start.
 */
export class ScanInventoryCache {
  private readonly tasks = new Map<string, Promise<ScanIndex>>();

  constructor(
    private readonly database: TenantDatabase,
    private readonly evaluator: CheckEvaluator,
  ) {}

  context(tenantId: string, taskId: string, startedAt: Date): Promise<ScanIndex> {
    const key = `${tenantId}\u0000${taskId}`;
    let context = this.tasks.get(key);
    if (!context) {
      context = this.database.run(tenantId, (manager) => loadReplicatedAssets(manager)).then((assets) => this.evaluator.context(assets, startedAt));
      context.catch(() => this.tasks.delete(key));
      this.tasks.set(key, context);
      for (const old of this.tasks.keys()) if (this.tasks.size > TASKS_KEPT) this.tasks.delete(old);
    }
    return context;
  }

  forget(tenantId: string, taskId: string): void {
    this.tasks.delete(`${tenantId}\u0000${taskId}`);
  }
}
