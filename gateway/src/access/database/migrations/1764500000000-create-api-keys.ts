import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowLevelSecurity } from '@rampart/platform';

/**
 * Partner API keys. Only an HMAC of each key's secret part is stored. The tenant policy scopes every
 * resolver; the gateway verifies a presented key before it knows the tenant, so two more policies let a
 * transaction that names one key id (`rampart.api_key_id`) see and touch exactly that row.
 */
export class CreateApiKeys1764500000000 implements MigrationInterface {
  name = 'CreateApiKeys1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_keys (
        id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{20}$'),
        tenant_id text NOT NULL,
        name text NOT NULL,
        scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
        secret_hash bytea NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await queryRunner.query('CREATE INDEX api_keys_by_tenant ON api_keys (tenant_id, created_at, id)');
    await enableTenantRowLevelSecurity(queryRunner, 'api_keys');
    const named = "id = current_setting('rampart.api_key_id', true)";
    await queryRunner.query(`CREATE POLICY api_key_lookup ON api_keys FOR SELECT USING (${named})`);
    await queryRunner.query(`CREATE POLICY api_key_touch ON api_keys FOR UPDATE USING (${named}) WITH CHECK (${named})`);
    // One round trip per verification: name the key, then read it, in the statement's own transaction.
    await queryRunner.query(`
      CREATE FUNCTION api_key_for_verification(p_id text)
      RETURNS TABLE (tenant_id text, scopes text[], secret_hash bytea, last_used_at timestamptz, revoked_at timestamptz)
      LANGUAGE plpgsql SECURITY INVOKER AS $$
      BEGIN
        PERFORM set_config('rampart.api_key_id', p_id, true);
        RETURN QUERY SELECT k.tenant_id, k.scopes, k.secret_hash, k.last_used_at, k.revoked_at FROM api_keys k WHERE k.id = p_id;
      END $$`);
    // Last use is kept to the minute: at most one write per key per minute, whatever the request rate.
    await queryRunner.query(`
      CREATE FUNCTION touch_api_key(p_id text) RETURNS void
      LANGUAGE plpgsql SECURITY INVOKER AS $$
      BEGIN
        PERFORM set_config('rampart.api_key_id', p_id, true);
        UPDATE api_keys SET last_used_at = now()
        WHERE id = p_id AND revoked_at IS NULL AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute');
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION touch_api_key(text)');
    await queryRunner.query('DROP FUNCTION api_key_for_verification(text)');
    await queryRunner.query('DROP TABLE api_keys');
  }
}
