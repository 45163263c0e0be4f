/** An `assets` row as Postgres returns it. */
export interface AssetRow {
  id: string;
  provider: string;
  account_id: string;
  region: string | null;
  product: string;
  resource_type: string;
  resource_id: string;
  name: string;
  tags: Record<string, string>;
  configuration: unknown;
  relationships: Array<{ type: string; targetId: string; properties?: Record<string, unknown> }>;
  unknown: unknown[];
  internet_exposed: boolean;
  first_seen_at: Date;
  updated_at: Date;
}

export const ASSET_COLUMNS =
  'id, provider, account_id, region, product, resource_type, resource_id, name, tags, configuration, relationships, unknown, internet_exposed, first_seen_at, updated_at';
