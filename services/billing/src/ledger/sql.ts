import type { EntityManager } from 'typeorm';

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs one statement on the transaction's connection and returns its rows, whatever the command
 * (TypeORM returns `[rows, count]` for UPDATE and DELETE otherwise). With `prepared`, the statement
 * is a named prepared statement of the connection: the hot ledger statements are parsed and planned
 * once per connection instead of on every call.
 */
export async function sql<T>(manager: EntityManager, text: string, params: unknown[] = [], prepared?: string): Promise<T[]> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('sql() needs a transaction-bound EntityManager');
  if (prepared) {
    const client = (await runner.connect()) as PgClient;
    return (await client.query({ name: prepared, text, values: params })).rows as T[];
  }
  const result = await runner.query(text, params, true);
  return (result.records ?? []) as T[];
}

/** Postgres bigint columns arrive as strings; ledger amounts stay far below 2^53. */
export function toNumber(value: string | number | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}
