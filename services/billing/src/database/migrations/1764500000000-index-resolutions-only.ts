import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reservations resolved at most once, by a unique index over resolutions only. The same guarantee
 * as UNIQUE (tenant_id, pending_id) (NULLs never collided), but reservations and direct transfers
 * no longer get index entries, and a lookup by tenant alone can no longer pick this index: before
 * the first ANALYZE the planner chose it for the foreign-key check of every resolution and for
 * reservation lookups, reading the tenant's whole history each time.
 */
export class IndexResolutionsOnly1764500000000 implements MigrationInterface {
  name = 'IndexResolutionsOnly1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE transfers DROP CONSTRAINT one_resolution_per_reservation');
    await queryRunner.query(
      'CREATE UNIQUE INDEX one_resolution_per_reservation ON transfers (tenant_id, pending_id) WHERE pending_id IS NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX one_resolution_per_reservation');
    await queryRunner.query(
      'ALTER TABLE transfers ADD CONSTRAINT one_resolution_per_reservation UNIQUE (tenant_id, pending_id)',
    );
  }
}
