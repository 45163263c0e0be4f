import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowLevelSecurity } from '@rampart/platform';

export class CreateInventoryImports1764300000100 implements MigrationInterface {
  name = 'CreateInventoryImports1764300000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE inventory_imports (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        account_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('COMPLETED', 'COMPLETED_WITH_GAPS')),
        captured_at timestamptz,
        assets_created int NOT NULL,
        assets_updated int NOT NULL,
        assets_removed int NOT NULL,
        assets_unchanged int NOT NULL,
        unknown_actions jsonb NOT NULL DEFAULT '[]',
        incomplete jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      )`);
    await queryRunner.query('CREATE INDEX inventory_imports_by_account ON inventory_imports (tenant_id, account_id, created_at DESC)');
    await enableTenantRowLevelSecurity(queryRunner, 'inventory_imports');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE inventory_imports');
  }
}
