import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowLevelSecurity } from '@rampart/platform';
import { createAssetReplicaTable } from '@rampart/messaging';

export class MeterBaselineTasks1764300000002 implements MigrationInterface {
  name = 'MeterBaselineTasks1764300000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    // metered: the tenant's plan charges baseline operations (CONTRACT §6); a fix keeps its open reservation.
    // next_index: the next host of the plan to evaluate (work-queue messages name it); pending_post: the usage of the
    // last committed host until billing confirmed it, so a crash between commit and post posts it on redelivery.
    await queryRunner.query(`
      ALTER TABLE baseline_tasks
        ADD COLUMN metered boolean NOT NULL DEFAULT false,
        ADD COLUMN quota_consumed int NOT NULL DEFAULT 0,
        ADD COLUMN reservation_id text,
        ADD COLUMN result_ids uuid[] NOT NULL DEFAULT '{}',
        ADD COLUMN item_params jsonb NOT NULL DEFAULT '{}'::jsonb,
        ADD COLUMN next_index int NOT NULL DEFAULT 0,
        ADD COLUMN pending_post jsonb`);
    // A fix names one result, a verify many: one column for both.
    await queryRunner.query(`UPDATE baseline_tasks SET result_ids = ARRAY[result_id] WHERE result_id IS NOT NULL`);
    await queryRunner.query('ALTER TABLE baseline_tasks DROP COLUMN result_id');
    await queryRunner.query(`
      CREATE TABLE weak_password_words (
        tenant_id text PRIMARY KEY,
        words text[] NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await enableTenantRowLevelSecurity(queryRunner, 'weak_password_words');
    // The inventory copy that links a host to its ECS instance asset by instance id.
    await createAssetReplicaTable(queryRunner, enableTenantRowLevelSecurity);
    await queryRunner.query(
      `CREATE INDEX asset_replica_by_instance ON asset_replica (tenant_id, (asset->>'resourceId')) WHERE NOT removed AND resource_type = 'ALIYUN::ECS::Instance'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE asset_replica');
    await queryRunner.query('DROP TABLE weak_password_words');
    await queryRunner.query('ALTER TABLE baseline_tasks ADD COLUMN result_id uuid');
    await queryRunner.query('UPDATE baseline_tasks SET result_id = result_ids[1]');
    await queryRunner.query('ALTER TABLE baseline_tasks DROP COLUMN metered, DROP COLUMN quota_consumed, DROP COLUMN reservation_id, DROP COLUMN result_ids, DROP COLUMN item_params, DROP COLUMN next_index, DROP COLUMN pending_post');
  }
}
