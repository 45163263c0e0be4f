import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowLevelSecurity } from '@rampart/platform';
import { createMessagingTables } from '@rampart/messaging';

export class CreateAttackPaths1764300000000 implements MigrationInterface {
  name = 'CreateAttackPaths1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createMessagingTables(queryRunner);
    await queryRunner.query(`
      CREATE TABLE attack_paths (
        tenant_id text NOT NULL,
        id text NOT NULL,
        type text NOT NULL,
        risk_level text NOT NULL CHECK (risk_level IN ('SERIOUS', 'SUSPICIOUS', 'REMIND')),
        score double precision NOT NULL,
        entry_asset_id text NOT NULL,
        target_asset_id text NOT NULL,
        asset_ids text[] NOT NULL,
        nodes jsonb NOT NULL,
        edges jsonb NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      )`);
    await queryRunner.query('CREATE INDEX attack_paths_by_score ON attack_paths (tenant_id, score DESC, id)');
    await queryRunner.query('CREATE INDEX attack_paths_by_asset ON attack_paths USING gin (asset_ids)');
    await enableTenantRowLevelSecurity(queryRunner, 'attack_paths');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE attack_paths');
  }
}
