import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowLevelSecurity } from '@rampart/platform';

/** Each asset row as the counters it adds to: all assets, and its value of each filter `assets` offers alone. */
const DIMENSIONS = `
  CROSS JOIN LATERAL (VALUES ('all', ''), ('product', r.product), ('resource_type', r.resource_type), ('region', r.region),
                             ('account_id', r.account_id), ('internet_exposed', r.internet_exposed::text)) AS d(dimension, value)`;

/**
 * Exact asset counts per tenant, overall and per value of each single filter, kept by statement triggers in the
 * writing transaction: `totalCount` of a million assets is one row read instead of a count over the index.
 */
export class CreateAssetCounts1764300000500 implements MigrationInterface {
  name = 'CreateAssetCounts1764300000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE asset_counts (
        tenant_id text NOT NULL,
        dimension text NOT NULL,
        value text NOT NULL,
        n bigint NOT NULL,
        PRIMARY KEY (tenant_id, dimension, value)
      )`);
    await enableTenantRowLevelSecurity(queryRunner, 'asset_counts');
    await queryRunner.query(`
      CREATE FUNCTION count_assets() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Sorted upserts: concurrent writers of one tenant lock its counter rows in the same order.
        IF TG_OP = 'INSERT' THEN
          INSERT INTO asset_counts (tenant_id, dimension, value, n)
          SELECT r.tenant_id, d.dimension, d.value, count(*) FROM added r ${DIMENSIONS}
          WHERE d.value IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
          ON CONFLICT (tenant_id, dimension, value) DO UPDATE SET n = asset_counts.n + EXCLUDED.n;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO asset_counts (tenant_id, dimension, value, n)
          SELECT r.tenant_id, d.dimension, d.value, -count(*) FROM gone r ${DIMENSIONS}
          WHERE d.value IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
          ON CONFLICT (tenant_id, dimension, value) DO UPDATE SET n = asset_counts.n + EXCLUDED.n;
        ELSE
          INSERT INTO asset_counts (tenant_id, dimension, value, n)
          SELECT r.tenant_id, d.dimension, d.value, sum(r.delta) FROM (
            SELECT tenant_id, product, resource_type, region, account_id, internet_exposed, 1 AS delta FROM added
            UNION ALL
            SELECT tenant_id, product, resource_type, region, account_id, internet_exposed, -1 FROM gone
          ) r ${DIMENSIONS}
          WHERE d.value IS NOT NULL GROUP BY 1, 2, 3 HAVING sum(r.delta) <> 0 ORDER BY 1, 2, 3
          ON CONFLICT (tenant_id, dimension, value) DO UPDATE SET n = asset_counts.n + EXCLUDED.n;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER assets_counted_insert AFTER INSERT ON assets REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION count_assets()',
    );
    await queryRunner.query(
      'CREATE TRIGGER assets_counted_update AFTER UPDATE ON assets REFERENCING OLD TABLE AS gone NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION count_assets()',
    );
    await queryRunner.query(
      'CREATE TRIGGER assets_counted_delete AFTER DELETE ON assets REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION count_assets()',
    );
    await queryRunner.query(`
      INSERT INTO asset_counts (tenant_id, dimension, value, n)
      SELECT r.tenant_id, d.dimension, d.value, count(*) FROM assets r ${DIMENSIONS}
      WHERE d.value IS NOT NULL GROUP BY 1, 2, 3`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER assets_counted_insert ON assets');
    await queryRunner.query('DROP TRIGGER assets_counted_update ON assets');
    await queryRunner.query('DROP TRIGGER assets_counted_delete ON assets');
    await queryRunner.query('DROP FUNCTION count_assets()');
    await queryRunner.query('DROP TABLE asset_counts');
  }
}
