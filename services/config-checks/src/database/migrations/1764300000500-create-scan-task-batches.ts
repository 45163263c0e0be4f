import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowLevelSecurity } from '@rampart/platform';

/**
 * A task's plan as one row per batch (parallel arrays of check item and asset ids) instead of one jsonb list in the
 * task row, so a batch reads only its own evaluations however large the scan.
 */
export class CreateScanTaskBatches1764300000500 implements MigrationInterface {
  name = 'CreateScanTaskBatches1764300000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE scan_task_batches (
        tenant_id text NOT NULL,
        task_id text NOT NULL,
        batch int NOT NULL,
        check_item_ids text[] NOT NULL,
        asset_ids text[] NOT NULL,
        PRIMARY KEY (tenant_id, task_id, batch),
        FOREIGN KEY (tenant_id, task_id) REFERENCES scan_tasks (tenant_id, id) ON DELETE CASCADE,
        CHECK (cardinality(check_item_ids) = cardinality(asset_ids))
      )`);
    await enableTenantRowLevelSecurity(queryRunner, 'scan_task_batches');
    await queryRunner.query('ALTER TABLE scan_tasks ALTER COLUMN plan DROP NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE scan_task_batches');
  }
}
