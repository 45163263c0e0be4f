/**
 * A worker process that dies (SIGKILL) at a chosen point, for exactly-once tests:
 *   MODE=relay-after-publish    publishes the outbox, then dies before marking rows published
 *   MODE=consumer-before-ack    applies a message and commits, then dies before acknowledging it
 */
import { DataSource } from 'typeorm';
import { connect } from '@nats-io/transport-node';
import { TenantDatabase } from '@rampart/platform';
import { DurableConsumer, OutboxRelay } from '@rampart/messaging';
import { countEffect, silentLogger } from './messaging.fixture';

async function main(): Promise<void> {
  const dataSource = await new DataSource({ type: 'postgres', url: process.env.DB_URL }).initialize();
  const database = new TenantDatabase(dataSource);
  const nats = await connect({ servers: process.env.NATS_URL });
  const die = (): void => {
    process.kill(process.pid, 'SIGKILL');
  };
  if (process.env.MODE === 'relay-after-publish') {
    const relay = new OutboxRelay(database, nats, silentLogger, { hooks: { afterPublish: die } });
    await relay.drain();
  } else if (process.env.MODE === 'consumer-before-ack') {
    const consumer = new DurableConsumer(database, nats, silentLogger, {
      durable: process.env.DURABLE ?? '',
      stream: 'ASSETS',
      handlers: [countEffect],
      deliver: 'new',
      ackWaitMs: 1000,
      hooks: { beforeAck: die },
    });
    await consumer.start();
    process.send?.('ready');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(String(error));
  process.exit(2);
});
