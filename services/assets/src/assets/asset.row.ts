import type { JsonObject } from '@bufbuild/protobuf';

/** The columns an asset is written with, as plain JSON (nothing undefined: what protobuf Struct needs). */
export interface AssetRowJson {
  id: string;
  provider: string;
  account_id: string;
  region: string | null;
  product: string;
  resource_type: string;
  resource_id: string;
  name: string;
  tags: Record<string, string>;
  configuration: JsonObject;
  relationships: Array<{ type: string; targetId: string; properties?: JsonObject }>;
  unknown: Array<{ fields: string[]; source: string; error: { code: string; message: string } }>;
}

/** An `assets` row as Postgres returns it. */
export interface AssetRow extends AssetRowJson {
  internet_exposed: boolean;
  first_seen_at: Date;
  updated_at: Date;
}

export const ASSET_COLUMNS =
  'id, provider, account_id, region, product, resource_type, resource_id, name, tags, configuration, relationships, unknown, internet_exposed, first_seen_at, updated_at';
