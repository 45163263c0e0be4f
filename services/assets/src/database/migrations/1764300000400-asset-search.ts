import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search matches `name` or `resource_id`, so its trigram index covers both (the old one on `name` alone could not
 * serve the OR and cost a bulk import seconds). A large pending list keeps trigram maintenance out of the import's
 * transaction: autovacuum merges it later.
 */
export class AssetSearch1764300000400 implements MigrationInterface {
  name = 'AssetSearch1764300000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX assets_name_search');
    await queryRunner.query(
      "CREATE INDEX assets_search ON assets USING gin ((name || ' ' || resource_id) gin_trgm_ops) WITH (gin_pending_list_limit = 65536)",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX assets_search');
    await queryRunner.query('CREATE INDEX assets_name_search ON assets USING gin (name gin_trgm_ops)');
  }
}
