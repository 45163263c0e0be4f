import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowLevelSecurity } from '@rampart/platform';

/**
 * What a recompute reads besides the asset replica (sensitive declarations, overlay findings), the
 * whitelist, and the per-tenant graph version every replica coordinates on.
 */
export class CreateGraphState1764300000300 implements MigrationInterface {
  name = 'CreateGraphState1764300000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Infrastructure table without row-level security: every replica's sweeper must see which tenants are dirty.
    await queryRunner.query(`
      CREATE TABLE graph_versions (
        tenant_id text PRIMARY KEY,
        version bigint NOT NULL DEFAULT 1,
        computed_version bigint NOT NULL DEFAULT 0,
        dirty_since timestamptz NOT NULL DEFAULT now(),
        computed_at timestamptz
      )`);
    await queryRunner.query('CREATE INDEX graph_versions_dirty ON graph_versions (dirty_since) WHERE version > computed_version');
    await queryRunner.query(`
      CREATE TABLE sensitive_assets (
        tenant_id text NOT NULL,
        asset_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, asset_id)
      )`);
    await enableTenantRowLevelSecurity(queryRunner, 'sensitive_assets');
    await queryRunner.query(`
      CREATE TABLE overlay_findings (
        tenant_id text NOT NULL,
        check_item_id text NOT NULL,
        asset_id text NOT NULL,
        status text NOT NULL,
        severity text NOT NULL DEFAULT '',
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, check_item_id, asset_id)
      )`);
    await enableTenantRowLevelSecurity(queryRunner, 'overlay_findings');
    await queryRunner.query(`
      CREATE TABLE attack_path_whitelist (
        tenant_id text NOT NULL,
        path_id text NOT NULL,
        reason text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, path_id)
      )`);
    await enableTenantRowLevelSecurity(queryRunner, 'attack_path_whitelist');
    await queryRunner.query(`ALTER TABLE attack_paths
      ADD COLUMN ap_id text NOT NULL DEFAULT '',
      ADD COLUMN name text NOT NULL DEFAULT '',
      ADD COLUMN unknown boolean NOT NULL DEFAULT false,
      ADD COLUMN graph_version bigint NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE attack_paths DROP COLUMN ap_id, DROP COLUMN name, DROP COLUMN unknown, DROP COLUMN graph_version');
    await queryRunner.query('DROP TABLE attack_path_whitelist');
    await queryRunner.query('DROP TABLE overlay_findings');
    await queryRunner.query('DROP TABLE sensitive_assets');
    await queryRunner.query('DROP TABLE graph_versions');
  }
}
