import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox (events written in the business transaction, relayed to JetStream) and the inbox
 * (messages a consumer already applied). Infrastructure tables: no row-level security, the relay
 * and consumers work across tenants; resolvers never read them.
 */
export async function createMessagingTables(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE IF NOT EXISTS outbox (
      seq bigserial PRIMARY KEY,
      id uuid NOT NULL UNIQUE,
      subject text NOT NULL,
      payload bytea NOT NULL,
      headers jsonb NOT NULL DEFAULT '{}',
      tenant_id text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz,
      attempts int NOT NULL DEFAULT 0,
      last_error text
    )`);
  await queryRunner.query('CREATE INDEX IF NOT EXISTS outbox_unpublished ON outbox (seq) WHERE published_at IS NULL');
  await queryRunner.query(`
    CREATE TABLE IF NOT EXISTS inbox (
      consumer text NOT NULL,
      message_id text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, message_id)
    )`);
  await queryRunner.query(`
    CREATE TABLE IF NOT EXISTS dead_letter (
      consumer text NOT NULL,
      message_id text NOT NULL,
      subject text NOT NULL,
      payload bytea NOT NULL,
      headers jsonb NOT NULL DEFAULT '{}',
      error text NOT NULL,
      deliveries int NOT NULL,
      failed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, message_id)
    )`);
  // Wake the relay when a transaction that wrote to the outbox commits.
  await queryRunner.query(`
    CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_notify('outbox', ''); RETURN NULL; END $$`);
  await queryRunner.query('DROP TRIGGER IF EXISTS outbox_notify ON outbox');
  await queryRunner.query(
    'CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()',
  );
}

/** A ready-made migration class for services whose first migration is only the messaging tables. */
export function messagingTablesMigration(timestamp: number): new () => MigrationInterface {
  const name = `MessagingTables${timestamp}`;
  const migration = class implements MigrationInterface {
    name = name;
    async up(queryRunner: QueryRunner): Promise<void> {
      await createMessagingTables(queryRunner);
    }
    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query('DROP TABLE IF EXISTS dead_letter, inbox, outbox');
    }
  };
  Object.defineProperty(migration, 'name', { value: name });
  return migration;
}
