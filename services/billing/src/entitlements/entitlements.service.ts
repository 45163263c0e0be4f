import type { EntityManager } from 'typeorm';
import type { TenantDatabase } from '@rampart/platform';
import { BillingAccountRepository, planOf } from '../accounts/billing-account.repository';
import { sql } from '../ledger/sql';
import type { Edition } from './edition';
import { entitlementsOf, type LegacyFreeItemAllowance, type TenantEntitlements } from './tenant-entitlements';

interface AllowanceRow {
  edition: Edition;
  free_item_count: number;
  authorized_before: Date;
}

/** Answers what a tenant may do now, from its plan and the legacy free-item allowances table. */
export class EntitlementsService {
  private readonly clock: () => Date;

  constructor(
    private readonly database: TenantDatabase,
    options: { clock?: () => Date } = {},
    private readonly accounts = new BillingAccountRepository(),
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  entitlements(tenantId: string): Promise<TenantEntitlements> {
    return this.database.run(tenantId, (manager) => this.entitlementsWithin(manager, tenantId));
  }

  /** Reads without locking: a plan that ended is seen as Basic whether or not it was settled yet. */
  async entitlementsWithin(manager: EntityManager, tenantId: string): Promise<TenantEntitlements> {
    let row = await this.accounts.find(manager, tenantId);
    if (row === null) {
      await this.accounts.open(manager, tenantId); // a tenant exists from its first request
      row = await this.accounts.find(manager, tenantId);
      if (row === null) throw new Error(`Billing account of ${tenantId} was not created`);
    }
    return entitlementsOf(tenantId, planOf(row), this.clock(), await legacyAllowances(manager));
  }
}

export async function legacyAllowances(manager: EntityManager): Promise<LegacyFreeItemAllowance[]> {
  const rows = await sql<AllowanceRow>(
    manager,
    'SELECT edition, free_item_count, authorized_before FROM legacy_free_item_allowances',
  );
  return rows.map((row) => ({ edition: row.edition, freeItemCount: row.free_item_count, authorizedBefore: row.authorized_before }));
}
