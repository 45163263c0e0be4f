import { createHash } from 'node:crypto';
import type { Asset } from '@rampart/asset-model';
import { isInternetExposed } from './internet-exposure';

/**
 * One asset as its `assets` row in JSON text (the shape `jsonb_to_recordset` reads), with the content hash of that
 * text. Each part of the asset is serialised once: the same text is hashed, compared with the stored hash and sent
 * to Postgres.
 */
export interface AssetRecord {
  id: string;
  resourceType: string;
  hash: string;
  /** The row as a JSON object, `content_hash` included. */
  row: string;
}

export function assetRecord(asset: Asset): AssetRecord {
  const content =
    `{"id":${JSON.stringify(asset.id)},"provider":${JSON.stringify(asset.provider)},"account_id":${JSON.stringify(asset.accountId)},` +
    `"region":${JSON.stringify(asset.region ?? null)},"product":${JSON.stringify(asset.product)},` +
    `"resource_type":${JSON.stringify(asset.resourceType)},"resource_id":${JSON.stringify(asset.resourceId)},` +
    `"name":${JSON.stringify(asset.name)},"tags":${JSON.stringify(asset.tags ?? {})},` +
    `"configuration":${JSON.stringify(asset.configuration ?? {})},"relationships":${JSON.stringify(asset.relationships)},` +
    `"unknown":${JSON.stringify(asset.unknown)},"internet_exposed":${isInternetExposed(asset)}`;
  const hash = createHash('sha256').update(content).digest('base64url');
  return { id: asset.id, resourceType: asset.resourceType, hash, row: `${content},"content_hash":"${hash}"}` };
}
