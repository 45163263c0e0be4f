import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the last evaluation changed, kept on the result itself: its status before it (NULL for a new result) and
 * whether its reason changed. The scan's upsert sets both and returns them, so it learns every change without
 * reading the results first.
 */
export class AddCheckResultPreviousStatus1764300000700 implements MigrationInterface {
  name = 'AddCheckResultPreviousStatus1764300000700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE check_results
        ADD COLUMN previous_status text CHECK (previous_status IN ('PASS', 'FAIL', 'ERROR', 'NOT_APPLICABLE')),
        ADD COLUMN reason_changed boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE check_results DROP COLUMN previous_status, DROP COLUMN reason_changed');
  }
}
