import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowLevelSecurity } from '@rampart/platform';
import { createMessagingTables } from '@rampart/messaging';

export class CreateAssets1764300000000 implements MigrationInterface {
  name = 'CreateAssets1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createMessagingTables(queryRunner);
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await queryRunner.query(`
      CREATE TABLE assets (
        tenant_id text NOT NULL,
        id text NOT NULL,
        provider text NOT NULL,
        account_id text NOT NULL,
        region text,
        product text NOT NULL,
        resource_type text NOT NULL,
        resource_id text NOT NULL,
        name text NOT NULL,
        tags jsonb NOT NULL DEFAULT '{}',
        configuration jsonb NOT NULL DEFAULT '{}',
        relationships jsonb NOT NULL DEFAULT '[]',
        unknown jsonb NOT NULL DEFAULT '[]',
        internet_exposed boolean NOT NULL DEFAULT false,
        content_hash text NOT NULL,
        version bigint NOT NULL DEFAULT 1,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      )`);
    // Keyset pages by id within each filter the API offers.
    await queryRunner.query('CREATE INDEX assets_by_product ON assets (tenant_id, product, id)');
    await queryRunner.query('CREATE INDEX assets_by_type ON assets (tenant_id, resource_type, id)');
    await queryRunner.query('CREATE INDEX assets_by_account ON assets (tenant_id, account_id, id)');
    await queryRunner.query('CREATE INDEX assets_by_region ON assets (tenant_id, region, id)');
    await queryRunner.query('CREATE INDEX assets_exposed ON assets (tenant_id, id) WHERE internet_exposed');
    await queryRunner.query('CREATE INDEX assets_name_search ON assets USING gin (name gin_trgm_ops)');
    await enableTenantRowLevelSecurity(queryRunner, 'assets');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE assets');
  }
}
