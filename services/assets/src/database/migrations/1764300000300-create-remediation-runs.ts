import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowLevelSecurity } from '@rampart/platform';

/** One row per remediation request id: claimed before the first call, the reply stored after the last one. */
export class CreateRemediationRuns1764300000300 implements MigrationInterface {
  name = 'CreateRemediationRuns1764300000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE remediation_runs (
        tenant_id text NOT NULL,
        id text NOT NULL,
        asset_id text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('FIX', 'ROLLBACK')),
        reply jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        PRIMARY KEY (tenant_id, id)
      )`);
    await enableTenantRowLevelSecurity(queryRunner, 'remediation_runs');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE remediation_runs');
  }
}
