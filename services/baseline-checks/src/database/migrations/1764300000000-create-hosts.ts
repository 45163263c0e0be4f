import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowLevelSecurity } from '@rampart/platform';
import { createMessagingTables } from '@rampart/messaging';

export class CreateHosts1764300000000 implements MigrationInterface {
  name = 'CreateHosts1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createMessagingTables(queryRunner);
    await queryRunner.query(`
      CREATE TABLE hosts (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        hostname text NOT NULL,
        instance_id text,
        facts jsonb NOT NULL,
        reported_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, hostname)
      )`);
    await enableTenantRowLevelSecurity(queryRunner, 'hosts');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE hosts');
  }
}
