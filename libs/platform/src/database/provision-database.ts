import { Client } from 'pg';
import { DataSource, type MixedList } from 'typeorm';
import type { PlatformConfig } from '../config/platform-config';

type Migrations = MixedList<string | (new () => unknown)>;

/** Replaces the database (and optionally the user) of a postgres URL. */
export function withDatabase(url: string, database: string, user?: { name: string; password?: string }): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  if (user) {
    parsed.username = encodeURIComponent(user.name);
    parsed.password = user.password ? encodeURIComponent(user.password) : '';
  }
  return parsed.toString();
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe SQL identifier: ${name}`);
  return `"${name}"`;
}

/** Creates the service's database and application role if missing; safe when replicas race. */
async function ensureDatabaseAndRole(config: PlatformConfig): Promise<void> {
  const admin = new Client({ connectionString: config.databaseUrl });
  await admin.connect();
  try {
    const role = quoteIdent(config.databaseAppRole);
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`);
    } catch (error) {
      if ((error as { code?: string }).code !== '42710' && (error as { code?: string }).code !== '23505') throw error;
    }
    if (config.databaseAppPassword) {
      await admin.query(`ALTER ROLE ${role} PASSWORD ${escapeLiteral(config.databaseAppPassword)}`);
    }
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [config.databaseName]);
    if (exists.rowCount === 0) {
      try {
        await admin.query(`CREATE DATABASE ${quoteIdent(config.databaseName)}`);
      } catch (error) {
        if ((error as { code?: string }).code !== '42P04' && (error as { code?: string }).code !== '23505') throw error;
      }
    }
  } finally {
    await admin.end();
  }
}

function escapeLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Brings the service database to the latest migration (as the administrative user, who owns the
 * tables), grants the application role data access only, and returns a DataSource that connects
 * as that role, so row-level security applies to everything the service does.
 */
export async function provisionDatabase(
  config: PlatformConfig,
  migrations: Migrations,
  options: { poolSize?: number; entities?: MixedList<string | (new () => unknown)> } = {},
): Promise<DataSource> {
  await ensureDatabaseAndRole(config);
  const owner = new DataSource({
    type: 'postgres',
    url: withDatabase(config.databaseUrl, config.databaseName),
    migrations,
    migrationsTransactionMode: 'each',
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: false,
  });
  await owner.initialize();
  try {
    // One migrator at a time across replicas.
    await owner.query('SELECT pg_advisory_lock(4242001)');
    try {
      await owner.runMigrations();
    } finally {
      await owner.query('SELECT pg_advisory_unlock(4242001)');
    }
    const role = quoteIdent(config.databaseAppRole);
    await owner.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
    await owner.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    await owner.query(`REVOKE ALL ON TABLE migrations FROM ${role}`);
  } finally {
    await owner.destroy();
  }
  const app = new DataSource({
    type: 'postgres',
    url: withDatabase(config.databaseUrl, config.databaseName, {
      name: config.databaseAppRole,
      password: config.databaseAppPassword,
    }),
    synchronize: false,
    logging: false,
    entities: options.entities ?? [],
    extra: { max: options.poolSize ?? 10, application_name: config.serviceName },
  });
  await app.initialize();
  return app;
}
