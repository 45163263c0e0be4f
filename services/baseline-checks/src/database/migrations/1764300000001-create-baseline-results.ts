import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowLevelSecurity } from '@rampart/platform';

export class CreateBaselineResults1764300000001 implements MigrationInterface {
  name = 'CreateBaselineResults1764300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE hosts ADD COLUMN scores jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await queryRunner.query(`
      CREATE TABLE baseline_policies (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        name text NOT NULL,
        check_item_ids text[] NOT NULL,
        params jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      )`);
    await enableTenantRowLevelSecurity(queryRunner, 'baseline_policies');
    await queryRunner.query(`
      CREATE TABLE baseline_tasks (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        kind text NOT NULL,
        status text NOT NULL,
        total int NOT NULL DEFAULT 0,
        completed int NOT NULL DEFAULT 0,
        failed int NOT NULL DEFAULT 0,
        host_ids uuid[] NOT NULL DEFAULT '{}',
        check_item_ids text[] NOT NULL DEFAULT '{}',
        policy_id uuid,
        result_id uuid,
        remediation jsonb,
        error text,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        PRIMARY KEY (tenant_id, id)
      )`);
    await enableTenantRowLevelSecurity(queryRunner, 'baseline_tasks');
    // One stable row per (item, host): a rescan updates it and moves lastSeenAt.
    await queryRunner.query(`
      CREATE TABLE baseline_results (
        tenant_id text NOT NULL,
        id uuid NOT NULL,
        host_id uuid NOT NULL,
        check_item_id text NOT NULL,
        status text NOT NULL,
        reason text NOT NULL,
        evidence jsonb NOT NULL DEFAULT '[]'::jsonb,
        params jsonb NOT NULL DEFAULT '{}'::jsonb,
        task_id uuid NOT NULL,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, check_item_id, host_id),
        FOREIGN KEY (tenant_id, host_id) REFERENCES hosts (tenant_id, id) ON DELETE CASCADE
      )`);
    await queryRunner.query('CREATE INDEX baseline_results_host ON baseline_results (tenant_id, host_id)');
    await enableTenantRowLevelSecurity(queryRunner, 'baseline_results');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE baseline_results');
    await queryRunner.query('DROP TABLE baseline_tasks');
    await queryRunner.query('DROP TABLE baseline_policies');
    await queryRunner.query('ALTER TABLE hosts DROP COLUMN scores');
  }
}
