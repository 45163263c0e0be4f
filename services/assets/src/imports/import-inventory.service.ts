import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { toBinary } from '@bufbuild/protobuf';
import type { EntityManager } from 'typeorm';
import { AssetChangedSchema, EVENTS } from '@rampart/contracts';
import { publishEncodedInTransaction, publishManyInTransaction } from '@rampart/messaging';
import { BadUserInputError, LOGGER, PLATFORM_CONFIG, TENANT_DATABASE, type Logger, type TenantDatabase } from '@rampart/platform';
import type { AssetsConfig } from '../config';
import { normaliseSnapshot, type NormalisedInventory } from '../inventory/normalise-snapshot';
import { SnapshotInvalidError } from '../inventory/snapshot-invalid.error';
import { validateSnapshot } from '../inventory/validate-snapshot';
import { readSnapshotStream } from '../inventory/snapshot-stream.reader';
import type { SnapshotLimits } from '../inventory/snapshot.schema';
import type { AssetRowJson } from '../assets/asset.row';
import { assetRecord, type AssetRecord } from './asset-record';
import { assetChangedEvent, assetRemovedEvent } from './asset-event.mapper';
import type { InventoryImportModel } from './inventory-import.model';

/** Rows per statement: large enough to amortise a round trip, small enough to encode the next while Postgres writes. */
const WRITE_CHUNK = 5000;

interface StoredAsset {
  id: string;
  content_hash: string;
  version: string;
  resource_type: string;
}

const UPSERT = `
  INSERT INTO assets (tenant_id, id, provider, account_id, region, product, resource_type, resource_id, name, tags,
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
  WHERE assets.content_hash IS DISTINCT FROM EXCLUDED.content_hash
  RETURNING id, version`;

/** SnapshotInvalidError → BAD_USER_INPUT naming the place under `inputPath`; anything else unchanged. */
function asBadUserInput(error: unknown, inputPath: string): unknown {
  if (!(error instanceof SnapshotInvalidError)) return error;
  const path = error.details.path === '$' ? inputPath : `${inputPath}.${error.details.path}`;
  return new BadUserInputError(`Invalid inventory snapshot at ${path}: ${error.details.reason}`, path, { reason: error.details.reason });
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
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private get limits(): Partial<SnapshotLimits> {
    return { maxBytes: this.config.importMaxBytes, maxCalls: this.config.importMaxCalls };
  }

  /** A snapshot already parsed (the GraphQL `JSON` scalar, a live sync). */
  async importSnapshot(tenantId: string, raw: unknown, inputPath = 'snapshot'): Promise<InventoryImportModel> {
    const started = Date.now();
    let inventory: NormalisedInventory;
    try {
      inventory = normaliseSnapshot(validateSnapshot(raw, this.limits));
    } catch (error) {
      throw asBadUserInput(error, inputPath);
    }
    return this.persist(tenantId, inventory, started);
  }

  /** A snapshot streamed as JSON bytes (an upload of any size up to the configured limit), parsed one call at a time. */
  async importSnapshotStream(tenantId: string, source: AsyncIterable<Uint8Array>, inputPath = 'snapshot'): Promise<InventoryImportModel> {
    const started = Date.now();
    let inventory: NormalisedInventory;
    try {
      inventory = normaliseSnapshot(await readSnapshotStream(source, this.limits));
    } catch (error) {
      throw asBadUserInput(error, inputPath);
    }
    return this.persist(tenantId, inventory, started);
  }

  private async persist(tenantId: string, inventory: NormalisedInventory, started: number): Promise<InventoryImportModel> {
    const importId = randomUUID();
    const now = new Date();
    const normalised = Date.now();

    const record = await this.database.run(tenantId, async (manager) => {
      // One import of an account at a time, so two concurrent imports cannot interleave.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`assets-import:${tenantId}:${inventory.accountId}`]);
      const stored = (await manager.query('SELECT id, content_hash, version, resource_type FROM assets WHERE account_id = $1', [
        inventory.accountId,
      ])) as StoredAsset[];
      const storedById = new Map(stored.map((row) => [row.id, row]));
      const pending: AssetRecord[] = [];
      let created = 0;
      let unchanged = 0;
      const seen = new Set<string>();
      for (const asset of inventory.assets) {
        seen.add(asset.id);
        const record = assetRecord(asset);
        const row = storedById.get(asset.id);
        if (row === undefined) created++;
        else if (row.content_hash === record.hash) {
          unchanged++;
          continue;
        }
        pending.push(record);
      }
      const removed = stored.filter((row) => !seen.has(row.id));

      await this.write(manager, tenantId, pending, importId, now);
      if (removed.length > 0) {
        await manager.query('DELETE FROM assets WHERE account_id = $1 AND id = ANY($2)', [inventory.accountId, removed.map((r) => r.id)]);
        await publishManyInTransaction(
          manager,
          EVENTS.assetRemoved,
          tenantId,
          removed.map((row) =>
            assetRemovedEvent(tenantId, { id: row.id, accountId: inventory.accountId, resourceType: row.resource_type, version: Number(row.version) }, importId, now),
          ),
        );
      }
      const result: InventoryImportModel = {
        id: importId,
        accountId: inventory.accountId,
        status: inventory.incomplete.length > 0 ? 'COMPLETED_WITH_GAPS' : 'COMPLETED',
        assetsCreated: created,
        assetsUpdated: pending.length - created,
        assetsRemoved: removed.length,
        assetsUnchanged: unchanged,
        unknownActions: inventory.unknownActions,
        incomplete: inventory.incomplete,
        createdAt: now,
      };
      await manager.query(
        `INSERT INTO inventory_imports (tenant_id, id, account_id, status, captured_at, assets_created, assets_updated,
           assets_removed, assets_unchanged, unknown_actions, incomplete, created_at)
         VALUES (current_setting('rampart.tenant_id', true), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          importId, result.accountId, result.status, inventory.capturedAt, result.assetsCreated, result.assetsUpdated,
          result.assetsRemoved, result.assetsUnchanged, JSON.stringify(result.unknownActions), JSON.stringify(result.incomplete), now,
        ],
      );
      return result;
    });
    this.logger.info(
      { importId, accountId: record.accountId, assets: inventory.assets.length, created: record.assetsCreated, updated: record.assetsUpdated,
        removed: record.assetsRemoved, readMs: normalised - started, writeMs: Date.now() - normalised },
      'inventory imported',
    );
    return record;
  }

  /**
   * Upserts the new and changed assets `WRITE_CHUNK` at a time and writes one changed event each, carrying the version
   * the upsert returned. Pipelined: while Postgres upserts one chunk, the previous chunk's events are encoded.
   */
  private async write(manager: EntityManager, tenantId: string, pending: AssetRecord[], importId: string, now: Date): Promise<void> {
    const writes: Array<Promise<unknown>> = [];
    // One connection runs one statement at a time: statements are chained, and the CPU work between them overlaps.
    let tail: Promise<unknown> = Promise.resolve();
    const queue = <T>(statement: () => Promise<T>): Promise<T> => {
      const work = tail.then(statement);
      tail = work.catch(() => undefined);
      // Awaited below, possibly after it settles: a failure stays with the import, never an unhandled rejection.
      work.catch(() => undefined);
      writes.push(work);
      return work;
    };
    let previous: { chunk: AssetRecord[]; upserted: Promise<Array<{ id: string; version: string }>> } | null = null;
    const publishPrevious = async (): Promise<void> => {
      if (!previous) return;
      const versions = new Map((await previous.upserted).map((row) => [row.id, Number(row.version)]));
      const events = previous.chunk.map((record) =>
        toBinary(AssetChangedSchema, assetChangedEvent(tenantId, JSON.parse(record.row) as AssetRowJson, versions.get(record.id) ?? 1, importId, now)),
      );
      queue(() => publishEncodedInTransaction(manager, EVENTS.assetChanged, tenantId, events));
    };
    for (let start = 0; start < pending.length; start += WRITE_CHUNK) {
      const chunk = pending.slice(start, start + WRITE_CHUNK);
      const rows = `[${chunk.map((record) => record.row).join(',')}]`;
      const upserted = queue(() => manager.query(UPSERT, [tenantId, rows]) as Promise<Array<{ id: string; version: string }>>);
      await publishPrevious();
      previous = { chunk, upserted };
    }
    await publishPrevious();
    await Promise.all(writes);
  }
}
