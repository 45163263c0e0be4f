import { DataSource, type EntityManager } from 'typeorm';
import { TENANT_ID_PATTERN } from '../identity/identity';
import { BadUserInputError } from '../errors/rampart-error';

/** The Postgres setting row-level security policies compare `tenant_id` with. */
export const TENANT_SETTING = 'rampart.tenant_id';

/**
 * Runs work in a transaction on the application role, with the tenant set for row-level security.
 * Every tenant table's policy compares against `rampart.tenant_id`, so a query that forgets its
 * tenant filter still sees only this tenant's rows, and a transaction without a tenant sees none.
 */
export class TenantDatabase {
  constructor(readonly dataSource: DataSource) {}

  async run<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!TENANT_ID_PATTERN.test(tenantId)) throw new BadUserInputError('Invalid tenant id', 'tenantId');
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('${TENANT_SETTING}', $1, true)`, [tenantId]);
      return work(manager);
    });
  }

  /** A transaction with no tenant: tenant tables are invisible; for infrastructure tables only. */
  async runUnscoped<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
