import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { PlatformConfig } from '@rampart/platform';

/** The Postgres the tests use: the machine's (CI starts it), or TEST_DATABASE_URL. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
export const TEST_INTERNAL_SECRET = 'rampart-test-internal-secret';

/**
 * A platform config pointing at a fresh, uniquely named database for one test file, so test files
 * run in parallel without seeing each other's rows. Drop it with `dropTestDatabase` in afterAll.
 */
export function testPlatformConfig(serviceName: string, overrides: Partial<PlatformConfig> = {}): PlatformConfig {
  const suffix = serviceName.replace(/-/g, '_');
  return {
    serviceName,
    port: 0,
    production: false,
    databaseUrl: TEST_DATABASE_URL,
    databaseName: `rampart_${suffix}_t_${randomBytes(5).toString('hex')}`,
    databaseAppRole: `rampart_${suffix}_app`,
    databaseAppPassword: undefined,
    natsUrl: TEST_NATS_URL,
    internalAuthSecret: TEST_INTERNAL_SECRET,
    logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...overrides,
  };
}

export async function dropTestDatabase(config: Pick<PlatformConfig, 'databaseUrl' | 'databaseName'>): Promise<void> {
  const admin = new Client({ connectionString: config.databaseUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${config.databaseName}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
