import { randomUUID } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DataSource } from 'typeorm';
import { create } from '@bufbuild/protobuf';
import { AssetChangedSchema, EVENTS } from '@rampart/contracts';
import { createLogger, enableTenantRowLevelSecurity, provisionDatabase, TenantDatabase, type PlatformConfig } from '@rampart/platform';
import { createMessagingTables, publishInTransaction, type EventHandler, type EventMeta } from '@rampart/messaging';

export class ProducerTables1764300000010 implements MigrationInterface {
  name = 'ProducerTables1764300000010';
  async up(queryRunner: QueryRunner): Promise<void> {
    await createMessagingTables(queryRunner);
    await queryRunner.query('CREATE TABLE widgets (tenant_id text NOT NULL, id text NOT NULL, PRIMARY KEY (tenant_id, id))');
    await enableTenantRowLevelSecurity(queryRunner, 'widgets');
  }
  async down(): Promise<void> {}
}

export class ConsumerTables1764300000011 implements MigrationInterface {
  name = 'ConsumerTables1764300000011';
  async up(queryRunner: QueryRunner): Promise<void> {
    await createMessagingTables(queryRunner);
    await queryRunner.query(
      'CREATE TABLE effects (tenant_id text NOT NULL, asset_id text NOT NULL, applied int NOT NULL, tags int NOT NULL DEFAULT 0, PRIMARY KEY (tenant_id, asset_id))',
    );
    await enableTenantRowLevelSecurity(queryRunner, 'effects');
  }
  async down(): Promise<void> {}
}

/** The consumer's effect: counts how often an asset event was applied. */
export const countEffect: EventHandler<typeof AssetChangedSchema> = {
  contract: EVENTS.assetChanged,
  async handle(manager, event) {
    await manager.query(
      `INSERT INTO effects (tenant_id, asset_id, applied, tags) VALUES ($1, $2, 1, $3)
       ON CONFLICT (tenant_id, asset_id) DO UPDATE SET applied = effects.applied + 1, tags = $3`,
      [event.tenantId, event.asset?.id ?? '', Object.keys(event.asset?.tags ?? {}).length],
    );
  },
};

/** Signals each message a consumer committed, so tests await effects instead of sleeping. */
export class CommittedSignal {
  private readonly emitter = new EventEmitter();
  readonly hook = (meta: EventMeta) => {
    this.emitter.emit('committed', meta);
  };
  async next(predicate: (meta: EventMeta) => boolean, timeoutMs = 20_000): Promise<EventMeta> {
    const signal = AbortSignal.timeout(timeoutMs);
    for (;;) {
      const [meta] = (await once(this.emitter, 'committed', { signal })) as [EventMeta];
      if (predicate(meta)) return meta;
    }
  }
}

export async function openDatabase(config: PlatformConfig, migration: new () => MigrationInterface): Promise<TenantDatabase> {
  return new TenantDatabase(await provisionDatabase(config, [migration]));
}

/** Writes a widget and its event in one transaction, as a producing service does. */
export async function writeWidgetWithEvent(
  database: TenantDatabase, tenantId: string, assetId: string, tags: Record<string, string> = {},
): Promise<string> {
  return database.run(tenantId, async (manager) => {
    await manager.query('INSERT INTO widgets (tenant_id, id) VALUES ($1, $2)', [tenantId, assetId]);
    return publishInTransaction(manager, EVENTS.assetChanged, tenantId, create(AssetChangedSchema, {
      tenantId,
      asset: { id: assetId, name: assetId, tags },
      version: 1n,
    }));
  });
}

export async function effectCount(database: TenantDatabase, tenantId: string, assetId: string): Promise<number> {
  const rows = (await database.run(tenantId, (m) => m.query('SELECT applied FROM effects WHERE asset_id = $1', [assetId]))) as Array<{
    applied: number;
  }>;
  return rows[0]?.applied ?? 0;
}

export async function effectTagCount(database: TenantDatabase, tenantId: string, assetId: string): Promise<number> {
  const rows = (await database.run(tenantId, (m) => m.query('SELECT tags FROM effects WHERE asset_id = $1', [assetId]))) as Array<{ tags: number }>;
  return rows[0]?.tags ?? 0;
}

export function appUrlOf(database: TenantDatabase): string {
  return (database.dataSource.options as { url?: string }).url ?? '';
}

export function uniqueTenant(): string {
  return `t-${randomUUID().slice(0, 8)}`;
}

export const silentLogger = createLogger('messaging-test', 'silent');
export { DataSource };
