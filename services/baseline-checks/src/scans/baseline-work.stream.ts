import type { NatsConnection } from '@nats-io/transport-node';
import type { EntityManager } from 'typeorm';
import { enqueueWork, enqueueWorkInTransaction, type WorkQueueSpec } from '@rampart/messaging';

/** Hosts of baseline tasks to evaluate: a work queue, so replicas share them. Outside the `baseline-checks.*.*.*` events. */
export const BASELINE_WORK_QUEUE: WorkQueueSpec = {
  stream: 'BASELINE_CHECKS_WORK',
  subject: 'baseline-checks-work.host',
  durable: 'baseline-checks-hosts',
  description: 'Hosts of baseline scans and verifies to evaluate (work queue)',
  ackWaitMs: 60_000,
  /** Deliveries of one host before it is given up (with backoff: several minutes of billing or database outage). */
  maxDeliver: 20,
};

/** The message naming one host of a task (by its index in the task's plan); the task row holds the plan. */
export interface BaselineHostMessage {
  tenantId: string;
  taskId: string;
  index: number;
}

/** Publishes the host's message; the id deduplicates a re-enqueue of the same host within the window. */
export async function enqueueBaselineHost(nats: NatsConnection, message: BaselineHostMessage): Promise<void> {
  await enqueueWork(nats, BASELINE_WORK_QUEUE, message, `${message.tenantId}.${message.taskId}.${message.index}`);
}

/** Queues a new task's first host in the transaction that stores the task (through the outbox). */
export async function queueFirstHost(manager: EntityManager, tenantId: string, taskId: string): Promise<void> {
  await enqueueWorkInTransaction(manager, BASELINE_WORK_QUEUE, tenantId, { tenantId, taskId, index: 0 } satisfies BaselineHostMessage);
}
