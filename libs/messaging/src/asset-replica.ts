import type { EntityManager, QueryRunner } from 'typeorm';
import type { Asset, AssetConfiguration, Product, ResourceType, RelationshipType } from '@rampart/asset-model';
import { EVENTS, type AssetRemovedSchema, type AssetChangedSchema, type Asset as AssetMessage } from '@rampart/contracts';
import type { EventHandler } from './durable-consumer';

/**
 * A service's local, read-only copy of the inventory, kept current from `assets.asset.changed.v1`
 * and `assets.asset.removed.v1` (services never read another service's database). Versions make
 * the handlers order-safe: an older event never overwrites a newer state.
 */
export async function createAssetReplicaTable(queryRunner: QueryRunner, enableRls: (qr: QueryRunner, table: string) => Promise<void>): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE asset_replica (
      tenant_id text NOT NULL,
      id text NOT NULL,
      account_id text NOT NULL,
      resource_type text NOT NULL,
      version bigint NOT NULL,
      removed boolean NOT NULL DEFAULT false,
      asset jsonb,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id)
    )`);
  await queryRunner.query('CREATE INDEX asset_replica_by_type ON asset_replica (tenant_id, resource_type, id) WHERE NOT removed');
  await enableRls(queryRunner, 'asset_replica');
}

export function assetFromMessage(message: AssetMessage): Asset {
  return {
    id: message.id,
    provider: message.provider === 'HOST' ? 'HOST' : 'ALIBABA_CLOUD',
    accountId: message.accountId,
    region: message.region ?? null,
    product: message.product as Product,
    resourceType: message.resourceType as ResourceType,
    resourceId: message.resourceId,
    name: message.name,
    tags: { ...message.tags },
    configuration: (message.configuration ?? {}) as AssetConfiguration,
    relationships: message.relationships.map((r) => ({
      type: r.type as RelationshipType,
      targetId: r.targetId,
      ...(r.properties ? { properties: r.properties as Record<string, string | number | boolean | null> } : {}),
    })),
    unknown: message.unknown.map((u) => ({ fields: [...u.fields], source: u.source, error: { code: u.errorCode, message: u.errorMessage } })),
  };
}

/** What a service does after its replica changed (e.g. mark results stale, recompute paths). */
export interface AssetReplicaListener {
  changed?(manager: EntityManager, tenantId: string, asset: Asset): Promise<void>;
  removed?(manager: EntityManager, tenantId: string, assetId: string): Promise<void>;
}

export function assetReplicaHandlers(listener: AssetReplicaListener = {}): [EventHandler<typeof AssetChangedSchema>, EventHandler<typeof AssetRemovedSchema>] {
  return [
    {
      contract: EVENTS.assetChanged,
      async handle(manager, event, meta) {
        if (!event.asset) return;
        const asset = assetFromMessage(event.asset);
        const applied = (await manager.query(
          `INSERT INTO asset_replica (tenant_id, id, account_id, resource_type, version, removed, asset, updated_at)
           VALUES ($1, $2, $3, $4, $5, false, $6, now())
           ON CONFLICT (tenant_id, id) DO UPDATE SET account_id = EXCLUDED.account_id, resource_type = EXCLUDED.resource_type,
             version = EXCLUDED.version, removed = false, asset = EXCLUDED.asset, updated_at = now()
           WHERE asset_replica.version < EXCLUDED.version
           RETURNING id`,
          [meta.tenantId, asset.id, asset.accountId, asset.resourceType, event.version.toString(), JSON.stringify(asset)],
        )) as unknown[];
        if (applied.length > 0) await listener.changed?.(manager, meta.tenantId, asset);
      },
    },
    {
      contract: EVENTS.assetRemoved,
      async handle(manager, event, meta) {
        const applied = (await manager.query(
          `INSERT INTO asset_replica (tenant_id, id, account_id, resource_type, version, removed, asset, updated_at)
           VALUES ($1, $2, $3, $4, $5, true, NULL, now())
           ON CONFLICT (tenant_id, id) DO UPDATE SET version = EXCLUDED.version, removed = true, asset = NULL, updated_at = now()
           WHERE asset_replica.version < EXCLUDED.version
           RETURNING id`,
          [meta.tenantId, event.assetId, event.accountId, event.resourceType, event.version.toString()],
        )) as unknown[];
        if (applied.length > 0) await listener.removed?.(manager, meta.tenantId, event.assetId);
      },
    },
  ];
}

/** Reads the live (not removed) replicated assets of a tenant, optionally only some ids. */
export async function loadReplicatedAssets(manager: EntityManager, ids?: string[]): Promise<Asset[]> {
  const rows = (await manager.query(
    ids ? 'SELECT asset FROM asset_replica WHERE NOT removed AND id = ANY($1)' : 'SELECT asset FROM asset_replica WHERE NOT removed',
    ids ? [ids] : [],
  )) as Array<{ asset: Asset }>;
  return rows.map((row) => row.asset);
}
