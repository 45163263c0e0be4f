import type { WorkQueueSpec } from '@rampart/messaging';

/** FIX tasks to run: a work queue of its own (its subject is outside the scan batches' stream), shared by replicas. */
export const FIX_WORK_QUEUE: WorkQueueSpec = {
  stream: 'CONFIG_CHECKS_FIXES',
  subject: 'config-checks-work.fix',
  durable: 'config-checks-fixes',
  description: 'FIX tasks to run (work queue)',
  ackWaitMs: 180_000,
  /** Deliveries of one task before it fails (with backoff: minutes of the assets service or billing being away). */
  maxDeliver: 20,
};

/** The message naming one FIX task; its fix record holds the plan. */
export interface FixTaskMessage {
  tenantId: string;
  taskId: string;
}

