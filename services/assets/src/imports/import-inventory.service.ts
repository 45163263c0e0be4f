import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Asset } from '@rampart/asset-model';
import { EVENTS } from '@rampart/contracts';
import { publishManyInTransaction } from '@rampart/messaging';
import { BadUserInputError, PLATFORM_CONFIG, TENANT_DATABASE, type TenantDatabase } from '@rampart/platform';
import type { AssetsConfig } from '../config';
import { normaliseSnapshot } from '../inventory/normalise-snapshot';
import { SnapshotInvalidError } from '../inventory/snapshot-invalid.error';
import { validateSnapshot } from '../inventory/validate-snapshot';
import type { AlibabaSnapshot } from '../inventory/snapshot.schema';
import { assetChangedEvent, assetRemovedEvent } from './asset-event.mapper';
import type { InventoryImportModel } from './inventory-import.model';
import { isInternetExposed } from './internet-exposure';

const WRITE_CHUNK = 2000;

interface StoredAsset {
  id: string;
  content_hash: string;
  version: string;
  resource_type: string;
}

/** A stable fingerprint of an asset's normalised form: equal snapshots give equal hashes. */
export function contentHash(asset: Asset): string {
  return createHash('sha256').update(JSON.stringify(asset)).digest('base64url');
}

/**
 * Imports one account's snapshot atomically: validates it (nothing is written when it is
 * malformed), normalises it, and in one tenant transaction creates, updates and removes assets
 * against what is stored for that account, writing `assets.asset.changed.v1` / `removed.v1` to the
 * outbox for exactly what changed. Re-importing the same snapshot changes and emits nothing.
 */
@Injectable()
export class ImportInventoryService {
  constructor(
    @Inject(TENANT_DATABASE) private readonly database: TenantDatabase,
    @Inject(PLATFORM_CONFIG) private readonly config: AssetsConfig,
  ) {}

  async importSnapshot(tenantId: string, raw: unknown, inputPath = 'snapshot'): Promise<InventoryImportModel> {
    let snapshot: AlibabaSnapshot;
    let inventory: ReturnType<typeof normaliseSnapshot>;
    try {
      snapshot = validateSnapshot(raw, { maxBytes: this.config.importMaxBytes, maxCalls: this.config.importMaxCalls });
      inventory = normaliseSnapshot(snapshot);
    } catch (error) {
      if (error instanceof SnapshotInvalidError) {
        const path = error.details.path === '$' ? inputPath : `${inputPath}.${error.details.path}`;
        throw new BadUserInputError(`Invalid inventory snapshot at ${path}: ${error.details.reason}`, path, { reason: error.details.reason });
      }
      throw error;
    }
    const importId = randomUUID();
    const now = new Date();
    const prepared = inventory.assets.map((asset) => ({ asset, hash: contentHash(asset) }));

    return this.database.run(tenantId, async (manager) => {
      // One import of an account at a time, so two concurrent imports cannot interleave.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`assets-import:${tenantId}:${inventory.accountId}`]);
      const stored = (await manager.query('SELECT id, content_hash, version, resource_type FROM assets WHERE account_id = $1', [
        inventory.accountId,
      ])) as StoredAsset[];
      const storedById = new Map(stored.map((row) => [row.id, row]));
      const created = prepared.filter(({ asset }) => !storedById.has(asset.id));
      const changed = prepared.filter(({ asset, hash }) => {
        const row = storedById.get(asset.id);
        return row !== undefined && row.content_hash !== hash;
      });
      const seen = new Set(prepared.map(({ asset }) => asset.id));
      const removed = stored.filter((row) => !seen.has(row.id));

      const versions = await this.upsert(manager, tenantId, [...created, ...changed]);
      if (removed.length > 0) {
        await manager.query('DELETE FROM assets WHERE account_id = $1 AND id = ANY($2)', [inventory.accountId, removed.map((r) => r.id)]);
      }
      await publishManyInTransaction(
        manager,
        EVENTS.assetChanged,
        tenantId,
        [...created, ...changed].map(({ asset }) => assetChangedEvent(tenantId, asset, versions.get(asset.id) ?? 1, importId, now)),
      );
      await publishManyInTransaction(
        manager,
        EVENTS.assetRemoved,
        tenantId,
        removed.map((row) =>
          assetRemovedEvent(tenantId, { id: row.id, accountId: inventory.accountId, resourceType: row.resource_type, version: Number(row.version) }, importId, now),
        ),
      );
      const record: InventoryImportModel = {
        id: importId,
        accountId: inventory.accountId,
        status: inventory.incomplete.length > 0 ? 'COMPLETED_WITH_GAPS' : 'COMPLETED',
        assetsCreated: created.length,
        assetsUpdated: changed.length,
        assetsRemoved: removed.length,
        assetsUnchanged: prepared.length - created.length - changed.length,
        unknownActions: inventory.unknownActions,
        incomplete: inventory.incomplete,
        createdAt: now,
      };
      await manager.query(
        `INSERT INTO inventory_imports (tenant_id, id, account_id, status, captured_at, assets_created, assets_updated,
           assets_removed, assets_unchanged, unknown_actions, incomplete, created_at)
         VALUES (current_setting('rampart.tenant_id', true), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          importId, record.accountId, record.status, inventory.capturedAt, record.assetsCreated, record.assetsUpdated,
          record.assetsRemoved, record.assetsUnchanged, JSON.stringify(record.unknownActions), JSON.stringify(record.incomplete), now,
        ],
      );
      return record;
    });
  }

  /** Inserts new and updates changed assets in chunks; returns each asset's new version. */
  private async upsert(manager: EntityManager, tenantId: string, rows: Array<{ asset: Asset; hash: string }>): Promise<Map<string, number>> {
    const versions = new Map<string, number>();
    for (let start = 0; start < rows.length; start += WRITE_CHUNK) {
      const chunk = rows.slice(start, start + WRITE_CHUNK).map(({ asset, hash }) => ({
        id: asset.id,
        provider: asset.provider,
        account_id: asset.accountId,
        region: asset.region,
        product: asset.product,
        resource_type: asset.resourceType,
        resource_id: asset.resourceId,
        name: asset.name,
        tags: asset.tags,
        configuration: asset.configuration,
        relationships: asset.relationships,
        unknown: asset.unknown,
        internet_exposed: isInternetExposed(asset),
        content_hash: hash,
      }));
      const result = (await manager.query(
        `INSERT INTO assets (tenant_id, id, provider, account_id, region, product, resource_type, resource_id, name, tags,
                             configuration, relationships, unknown, internet_exposed, content_hash)
         SELECT $1, r.id, r.provider, r.account_id, r.region, r.product, r.resource_type, r.resource_id, r.name, r.tags,
                r.configuration, r.relationships, r.unknown, r.internet_exposed, r.content_hash
         FROM jsonb_to_recordset($2::jsonb) AS r(id text, provider text, account_id text, region text, product text,
              resource_type text, resource_id text, name text, tags jsonb, configuration jsonb, relationships jsonb,
              unknown jsonb, internet_exposed boolean, content_hash text)
         ON CONFLICT (tenant_id, id) DO UPDATE SET
           provider = EXCLUDED.provider, region = EXCLUDED.region, product = EXCLUDED.product,
           resource_type = EXCLUDED.resource_type, resource_id = EXCLUDED.resource_id, name = EXCLUDED.name,
           tags = EXCLUDED.tags, configuration = EXCLUDED.configuration, relationships = EXCLUDED.relationships,
           unknown = EXCLUDED.unknown, internet_exposed = EXCLUDED.internet_exposed, content_hash = EXCLUDED.content_hash,
           version = assets.version + 1, updated_at = now()
         RETURNING id, version`,
        [tenantId, JSON.stringify(chunk)],
      )) as Array<{ id: string; version: string }>;
      for (const row of result) versions.set(row.id, Number(row.version));
    }
    return versions;
  }
}


