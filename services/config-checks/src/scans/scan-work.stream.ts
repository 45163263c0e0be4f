import type { NatsConnection } from '@nats-io/transport-node';
import { enqueueWork, type WorkQueueSpec } from '@rampart/messaging';

/** Batches of scans to run: a work queue, so replicas share them. Outside the 4-token `config-checks.*.*.*` events. */
export const SCAN_WORK_QUEUE: WorkQueueSpec = {
  stream: 'CONFIG_CHECKS_WORK',
  subject: 'config-checks-work.batch',
  durable: 'config-checks-batches',
  description: 'Scan batches to run (work queue)',
  /** A worker that died mid-batch gives its batch back after this long; a live one says it is still working. */
  ackWaitMs: 10_000,
  /** Deliveries of one batch before its task fails (with backoff: several minutes of billing or database outage). */
  maxDeliver: 20,
};

/** The message naming one batch to run; the task row holds the plan. */
export interface ScanBatchMessage {
  tenantId: string;
  taskId: string;
  batch: number;
}

/** Publishes the batch's message; the id deduplicates a re-enqueue of the same batch within the window. */
export async function enqueueScanBatch(nats: NatsConnection, message: ScanBatchMessage): Promise<void> {
  await enqueueWork(nats, SCAN_WORK_QUEUE, message, `${message.tenantId}.${message.taskId}.${message.batch}`);
}
