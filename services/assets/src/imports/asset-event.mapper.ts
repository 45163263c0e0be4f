import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AssetChangedSchema, AssetRemovedSchema, type AssetChanged, type AssetRemoved } from '@rampart/contracts';
import type { AssetRowJson } from '../assets/asset.row';

export function assetChangedEvent(tenantId: string, row: AssetRowJson, version: number, importId: string, at: Date): AssetChanged {
  return create(AssetChangedSchema, {
    tenantId,
    version: BigInt(version),
    importId,
    occurredAt: timestampFromDate(at),
    asset: {
      id: row.id,
      provider: row.provider,
      accountId: row.account_id,
      region: row.region ?? undefined,
      product: row.product,
      resourceType: row.resource_type,
      resourceId: row.resource_id,
      name: row.name,
      tags: row.tags,
      configuration: row.configuration,
      relationships: row.relationships.map((r) => ({ type: r.type, targetId: r.targetId, properties: r.properties })),
      unknown: row.unknown.map((u) => ({ fields: u.fields, source: u.source, errorCode: u.error.code, errorMessage: u.error.message })),
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
