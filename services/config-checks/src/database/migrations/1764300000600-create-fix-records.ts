import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowLevelSecurity } from '@rampart/platform';

/**
 * What a FIX task does and did: the plan (captures, prior state, writes, rollback), the calls the assets service
 * executed with their answers, and the outcome. A rollback is another FIX task whose record names the fix it undoes;
 * the partial unique index allows one pending or applied rollback per fix.
 */
export class CreateFixRecords1764300000600 implements MigrationInterface {
  name = 'CreateFixRecords1764300000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE fix_records (
        tenant_id text NOT NULL,
        task_id text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('FIX', 'ROLLBACK')),
        result_id text NOT NULL,
        check_item_id text NOT NULL,
        asset_id text NOT NULL,
        params jsonb NOT NULL DEFAULT '{}',
        plan jsonb NOT NULL,
        rolls_back text,
        outcome text NOT NULL DEFAULT 'PENDING' CHECK (outcome IN ('PENDING', 'APPLIED', 'STALE', 'FAILED', 'REFUSED')),
        reservation_id text,
        writes_requested_at timestamptz,
        executed jsonb NOT NULL DEFAULT '[]',
        outputs jsonb NOT NULL DEFAULT '[]',
        error_code text,
        error_message text,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        PRIMARY KEY (tenant_id, task_id),
        FOREIGN KEY (tenant_id, task_id) REFERENCES scan_tasks (tenant_id, id) ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX fix_records_one_rollback ON fix_records (tenant_id, rolls_back) WHERE outcome IN ('PENDING', 'APPLIED')`,
    );
    await queryRunner.query(`CREATE INDEX fix_records_unfinished ON fix_records (tenant_id, task_id) WHERE outcome = 'PENDING'`);
    await enableTenantRowLevelSecurity(queryRunner, 'fix_records');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE fix_records');
  }
}
