import { AckPolicy, jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';

/** Batches of scans to run: a work queue, so replicas share them. Outside the 4-token `config-checks.*.*.*` events. */
export const SCAN_WORK_STREAM = 'CONFIG_CHECKS_WORK';
export const SCAN_WORK_SUBJECT = 'config-checks-work.batch';
export const SCAN_WORK_DURABLE = 'config-checks-batches';

/** The message naming one batch to run; the task row holds the plan. */
export interface ScanBatchMessage {
  tenantId: string;
  taskId: string;
  batch: number;
}

export const batchMessageId = (message: ScanBatchMessage) => `${message.tenantId}.${message.taskId}.${message.batch}`;

export async function ensureScanWorkStream(nats: NatsConnection, ackWaitMs: number): Promise<void> {
  const jsm = await jetstreamManager(nats);
  await jsm.streams.info(SCAN_WORK_STREAM).catch(async () => {
    await jsm.streams
      .add({
        name: SCAN_WORK_STREAM,
        subjects: [SCAN_WORK_SUBJECT],
        description: 'Scan batches to run (work queue)',
        storage: StorageType.File,
        retention: RetentionPolicy.Workqueue,
        duplicate_window: nanos(10 * 60 * 1000),
      })
      .catch(() => jsm.streams.info(SCAN_WORK_STREAM));
  });
  const config = { durable_name: SCAN_WORK_DURABLE, ack_policy: AckPolicy.Explicit, ack_wait: nanos(ackWaitMs), max_deliver: 20 };
  await jsm.consumers.info(SCAN_WORK_STREAM, SCAN_WORK_DURABLE).catch(async () => {
    await jsm.consumers.add(SCAN_WORK_STREAM, config).catch(() => jsm.consumers.info(SCAN_WORK_STREAM, SCAN_WORK_DURABLE));
  });
}
