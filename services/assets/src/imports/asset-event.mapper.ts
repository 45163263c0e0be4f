import { create, type JsonObject } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { Asset } from '@rampart/asset-model';
import { AssetChangedSchema, AssetRemovedSchema, type AssetChanged, type AssetRemoved } from '@rampart/contracts';

/** JSON-safe copy: protobuf Struct holds no undefined. */
function jsonObject(value: unknown): JsonObject {
  return JSON.parse(JSON.stringify(value ?? {})) as JsonObject;
}

export function assetChangedEvent(tenantId: string, asset: Asset, version: number, importId: string, at: Date): AssetChanged {
  return create(AssetChangedSchema, {
    tenantId,
    version: BigInt(version),
    importId,
    occurredAt: timestampFromDate(at),
    asset: {
      id: asset.id,
      provider: asset.provider,
      accountId: asset.accountId,
      region: asset.region ?? undefined,
      product: asset.product,
      resourceType: asset.resourceType,
      resourceId: asset.resourceId,
      name: asset.name,
      tags: asset.tags,
      configuration: jsonObject(asset.configuration),
      relationships: asset.relationships.map((r) => ({ type: r.type, targetId: r.targetId, properties: r.properties ? jsonObject(r.properties) : undefined })),
      unknown: asset.unknown.map((u) => ({ fields: u.fields, source: u.source, errorCode: u.error.code, errorMessage: u.error.message })),
    },
  });
}

export function assetRemovedEvent(
  tenantId: string,
  removed: { id: string; accountId: string; resourceType: string; version: number },
  importId: string,
  at: Date,
): AssetRemoved {
  return create(AssetRemovedSchema, {
    tenantId,
    assetId: removed.id,
    accountId: removed.accountId,
    resourceType: removed.resourceType,
    version: BigInt(removed.version + 1),
    importId,
    occurredAt: timestampFromDate(at),
  });
}
