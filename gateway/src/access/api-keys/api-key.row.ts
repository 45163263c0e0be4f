/** An `api_keys` row as Postgres returns it (never with its hash outside verification). */
export interface ApiKeyRow {
  id: string;
  name: string;
  scopes: string[];
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export const API_KEY_COLUMNS = 'id, name, scopes, created_at, last_used_at, revoked_at';
