import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { PROGRESS_BUCKET } from '@rampart/contracts';

/** The last-known state of a task, as `scanProgress` streams it. */
export interface TaskProgress {
  scanId: string;
  tenantId: string;
  kind: string;
  status: string;
  total: number;
  completed: number;
  failed: number;
  quotaConsumed: number;
  updatedAt: string;
}

export function progressKey(tenantId: string, taskId: string): string {
  return `${tenantId}.${taskId}`;
}

/** Last-value task progress in the `scan_progress` KV bucket, key `<tenant>.<task>`. */
export class ProgressStore {
  private constructor(readonly kv: KV) {}

  static async open(nats: NatsConnection): Promise<ProgressStore> {
    const kv = await new Kvm(nats).create(PROGRESS_BUCKET, { history: 1, ttl: 7 * 24 * 3600 * 1000 });
    return new ProgressStore(kv);
  }

  async put(progress: TaskProgress): Promise<void> {
    await this.kv.put(progressKey(progress.tenantId, progress.scanId), JSON.stringify(progress));
  }

  async get(tenantId: string, taskId: string): Promise<TaskProgress | undefined> {
    const entry = await this.kv.get(progressKey(tenantId, taskId));
    if (!entry || entry.operation !== 'PUT') return undefined;
    return entry.json<TaskProgress>();
  }
}
