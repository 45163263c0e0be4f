import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowLevelSecurity } from '@rampart/platform';
import { createAssetReplicaTable } from '@rampart/messaging';

/** The local copy of the inventory this service evaluates, fed by asset events. */
export class CreateAssetReplica1764300000200 implements MigrationInterface {
  name = 'CreateAssetReplica1764300000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createAssetReplicaTable(queryRunner, enableTenantRowLevelSecurity);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE asset_replica');
  }
}
