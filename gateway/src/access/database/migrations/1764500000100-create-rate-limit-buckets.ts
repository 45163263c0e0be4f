import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Token buckets shared by every gateway replica (per tenant, per API key). UNLOGGED: losing them in a
 * crash only refills everyone's bucket, and it spares the WAL a write per request. Not tenant data: no RLS.
 */
export class CreateRateLimitBuckets1764500000100 implements MigrationInterface {
  name = 'CreateRateLimitBuckets1764500000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE UNLOGGED TABLE rate_limit_buckets (
        key text PRIMARY KEY,
        tokens double precision NOT NULL,
        capacity double precision NOT NULL,
        refill_per_second double precision NOT NULL,
        allowed boolean NOT NULL,
        refreshed_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE FUNCTION rate_limit_refill(tokens double precision, capacity double precision, rate double precision, since timestamptz)
      RETURNS double precision LANGUAGE sql VOLATILE AS
      'SELECT LEAST(capacity, tokens + GREATEST(0, EXTRACT(EPOCH FROM clock_timestamp() - since)) * rate)'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION rate_limit_refill(double precision, double precision, double precision, timestamptz)');
    await queryRunner.query('DROP TABLE rate_limit_buckets');
  }
}
