import type { QueryRunner } from 'typeorm';
import { TENANT_SETTING } from './tenant-database';

/**
 * Puts a table under row-level security by `tenant_id` (FORCE, so even its owner is filtered).
 * Call from a migration right after creating the table.
 */
export async function enableTenantRowLevelSecurity(queryRunner: QueryRunner, table: string): Promise<void> {
  const predicate = `tenant_id = current_setting('${TENANT_SETTING}', true)`;
  await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
  await queryRunner.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
  await queryRunner.query(`CREATE POLICY tenant_isolation ON "${table}" USING (${predicate}) WITH CHECK (${predicate})`);
}
