import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the results table filters on besides its own columns: the asset's region and a search text (name and id),
 * kept on the replica as generated columns with their indexes, and the task list's newest-first order.
 */
export class CheckResultFilters1764300000800 implements MigrationInterface {
  name = 'CheckResultFilters1764300000800';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await queryRunner.query(`
      ALTER TABLE asset_replica
        ADD COLUMN region text GENERATED ALWAYS AS (asset->>'region') STORED,
        ADD COLUMN search_text text GENERATED ALWAYS AS (lower(coalesce(asset->>'name', '') || ' ' || id)) STORED`);
    await queryRunner.query('CREATE INDEX asset_replica_by_account ON asset_replica (tenant_id, account_id, id) WHERE NOT removed');
    await queryRunner.query('CREATE INDEX asset_replica_by_region ON asset_replica (tenant_id, region, id) WHERE NOT removed');
    await queryRunner.query('CREATE INDEX asset_replica_search ON asset_replica USING gin (search_text gin_trgm_ops) WHERE NOT removed');
    await queryRunner.query('CREATE INDEX check_results_by_severity ON check_results (tenant_id, severity, id)');
    await queryRunner.query('CREATE INDEX scan_tasks_newest ON scan_tasks (tenant_id, created_at DESC, id DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX scan_tasks_newest');
    await queryRunner.query('DROP INDEX check_results_by_severity');
    await queryRunner.query('DROP INDEX asset_replica_search');
    await queryRunner.query('DROP INDEX asset_replica_by_region');
    await queryRunner.query('DROP INDEX asset_replica_by_account');
    await queryRunner.query('ALTER TABLE asset_replica DROP COLUMN search_text, DROP COLUMN region');
  }
}
