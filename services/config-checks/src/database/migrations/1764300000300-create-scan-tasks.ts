import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowLevelSecurity } from '@rampart/platform';

/** Scan tasks with their plan (the sorted evaluations, cut into batches) and whitelist rules. */
export class CreateScanTasks1764300000300 implements MigrationInterface {
  name = 'CreateScanTasks1764300000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE scan_tasks (
        tenant_id text NOT NULL,
        id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('SCAN', 'VERIFY', 'FIX')),
        status text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'STOPPED_QUOTA_EXHAUSTED', 'FAILED', 'CANCELLED')),
        plan jsonb NOT NULL,
        paid_items text[] NOT NULL DEFAULT '{}',
        batch_size int NOT NULL,
        next_batch int NOT NULL DEFAULT 0,
        total int NOT NULL,
        completed int NOT NULL DEFAULT 0,
        failed int NOT NULL DEFAULT 0,
        quota_consumed int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        PRIMARY KEY (tenant_id, id)
      )`);
    await enableTenantRowLevelSecurity(queryRunner, 'scan_tasks');
    await queryRunner.query(`
      CREATE TABLE whitelist_rules (
        tenant_id text NOT NULL,
        id text NOT NULL,
        check_item_id text NOT NULL,
        asset_ids text[],
        reason text NOT NULL,
        expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      )`);
    await queryRunner.query('CREATE INDEX whitelist_rules_by_item ON whitelist_rules (tenant_id, check_item_id)');
    await enableTenantRowLevelSecurity(queryRunner, 'whitelist_rules');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE whitelist_rules');
    await queryRunner.query('DROP TABLE scan_tasks');
  }
}
