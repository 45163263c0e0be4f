import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { provisionDatabase, TenantDatabase, type PlatformConfig } from '@rampart/platform';
import { dropTestDatabase, testPlatformConfig } from '@rampart/testing';
import { billingMigrations } from '../../src/database/migrations';

/** A fresh billing database for one test file, migrated, reached as the application role (RLS on). */
export interface BillingTestDatabase {
  config: PlatformConfig;
  database: TenantDatabase;
  /** Another replica's connection pool on the same database. */
  replica(poolSize?: number): Promise<TenantDatabase>;
  close(): Promise<void>;
}

export async function startBillingTestDatabase(poolSize = 6): Promise<BillingTestDatabase> {
  const config = testPlatformConfig('billing');
  const pools: DataSource[] = [await provisionDatabase(config, billingMigrations, { poolSize })];
  return {
    config,
    database: new TenantDatabase(pools[0]),
    async replica(replicaPoolSize = poolSize) {
      const pool = await provisionDatabase(config, billingMigrations, { poolSize: replicaPoolSize });
      pools.push(pool);
      return new TenantDatabase(pool);
    },
    async close() {
      await Promise.all(pools.map((pool) => (pool.isInitialized ? pool.destroy() : undefined)));
      await dropTestDatabase(config);
    },
  };
}

/** A tenant id no other test uses. */
export function uniqueTenant(prefix = 't'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/** A subject prefix that keeps this file's billing handlers apart from other files' on the shared NATS. */
export function uniqueSubjectPrefix(): string {
  return `test${randomBytes(5).toString('hex')}.`;
}

/** A clock tests move by hand, so expiry needs no sleeping. */
export class TestClock {
  constructor(public current = new Date('2026-11-28T00:00:00Z')) {}
  readonly now = (): Date => new Date(this.current.getTime());
  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}
