import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowLevelSecurity } from '@rampart/platform';

export class CreateCloudAccounts1764300000200 implements MigrationInterface {
  name = 'CreateCloudAccounts1764300000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE cloud_accounts (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        name text NOT NULL,
        account_id text,
        kind text NOT NULL CHECK (kind IN ('ACCESS_KEY', 'ROLE')),
        access_key_id_masked text,
        role_arn text,
        credentials_ciphertext bytea NOT NULL,
        credentials_iv bytea NOT NULL,
        credentials_tag bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_sync_at timestamptz,
        last_sync_status text,
        PRIMARY KEY (tenant_id, id)
      )`);
    await queryRunner.query('CREATE INDEX cloud_accounts_by_created ON cloud_accounts (tenant_id, created_at, id)');
    await enableTenantRowLevelSecurity(queryRunner, 'cloud_accounts');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE cloud_accounts');
  }
}
