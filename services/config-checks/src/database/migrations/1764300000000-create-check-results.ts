import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowLevelSecurity } from '@rampart/platform';
import { createMessagingTables } from '@rampart/messaging';

export class CreateCheckResults1764300000000 implements MigrationInterface {
  name = 'CreateCheckResults1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createMessagingTables(queryRunner);
    await queryRunner.query(`
      CREATE TABLE check_results (
        tenant_id text NOT NULL,
        id text NOT NULL,
        check_item_id text NOT NULL,
        asset_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('PASS', 'FAIL', 'ERROR', 'NOT_APPLICABLE')),
        severity text NOT NULL,
        reason text NOT NULL DEFAULT '',
        evidence jsonb NOT NULL DEFAULT '{}',
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        last_task_id text,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, check_item_id, asset_id)
      )`);
    await queryRunner.query('CREATE INDEX check_results_by_asset ON check_results (tenant_id, asset_id, id)');
    await queryRunner.query('CREATE INDEX check_results_by_status ON check_results (tenant_id, status, id)');
    await enableTenantRowLevelSecurity(queryRunner, 'check_results');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE check_results');
  }
}
