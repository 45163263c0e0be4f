import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { effectivePlan, type TenantPlan } from '../entitlements/tenant-entitlements';
import { availableOf, type AccountBalance } from '../ledger/ledger-account';
import { ACCOUNT_COLUMNS, QuotaLedger, toBalance } from '../ledger/quota-ledger';
import { sql } from '../ledger/sql';
import { BILLING_ACCOUNT_COLUMNS, type BillingAccountRow } from './billing-account.row';

/** A tenant's plan and balances, read under the tenant's lock. */
export interface LockedTenant {
  tenantId: string;
  /** Already settled: an ended subscription is Basic here and in the row. */
  plan: TenantPlan;
  trialStartedAt: Date | null;
  quotaExhaustedAt: Date | null;
  /** The prepaid quota account, the only one whose balance decides anything. */
  quota: AccountBalance;
}

export type PlanChange = Partial<{
  edition: TenantPlan['edition'];
  model: TenantPlan['model'];
  subscriptionEndsAt: Date | null;
  trialStartedAt: Date | null;
  trialEndsAt: Date | null;
  cspmAuthorizedAt: Date;
  quotaExhaustedAt: Date | null;
}>;

const COLUMN_OF: Record<keyof PlanChange & string, string> = {
  edition: 'edition',
  model: 'model',
  subscriptionEndsAt: 'subscription_ends_at',
  trialStartedAt: 'trial_started_at',
  trialEndsAt: 'trial_ends_at',
  cspmAuthorizedAt: 'cspm_authorized_at',
  quotaExhaustedAt: 'quota_exhausted_at',
};

// Locks the tenant's billing row and its QUOTA account in one statement. Locking the QUOTA row too
// (not only the billing row) makes READ COMMITTED return its latest committed balance after a wait,
// not the version in the statement's snapshot. Other accounts change only under this lock.
const LOCK_SQL = `
  SELECT ${BILLING_ACCOUNT_COLUMNS.split(', ')
    .map((column) => `b.${column}`)
    .join(', ')}, ${ACCOUNT_COLUMNS.split(', ')
    .map((column) => `q.${column}`)
    .join(', ')}
  FROM billing_accounts b JOIN ledger_accounts q ON q.tenant_id = b.tenant_id AND q.code = 'QUOTA'
  WHERE b.tenant_id = $1
  FOR UPDATE`;

type LockRow = BillingAccountRow & Parameters<typeof toBalance>[0];

export function planOf(row: BillingAccountRow): TenantPlan {
  return {
    edition: row.edition,
    model: row.model,
    subscriptionEndsAt: row.subscription_ends_at,
    trialEndsAt: row.trial_ends_at,
    cspmAuthorizedAt: row.cspm_authorized_at,
  };
}

/**
 * The tenant's billing row. `lock` is the one way into a balance change: it serialises every
 * reservation, post, void, purchase and forfeit of the tenant (`SELECT … FOR UPDATE`), and on the
 * way settles what the clock decided: an ended subscription becomes Basic and forfeits its quota.
 */
export class BillingAccountRepository {
  constructor(private readonly ledger = new QuotaLedger()) {}

  /** Creates the tenant (Basic, no CSPM service) and its ledger accounts if it is new. */
  async open(manager: EntityManager, tenantId: string): Promise<void> {
    await sql(manager, 'INSERT INTO billing_accounts (tenant_id) VALUES ($1) ON CONFLICT DO NOTHING', [tenantId]);
    await this.ledger.openAccounts(manager, tenantId);
  }

  /** The stored row without locking, or null for a tenant never seen. */
  async find(manager: EntityManager, tenantId: string): Promise<BillingAccountRow | null> {
    const [row] = await sql<BillingAccountRow>(
      manager,
      `SELECT ${BILLING_ACCOUNT_COLUMNS} FROM billing_accounts WHERE tenant_id = $1`,
      [tenantId],
    );
    return row ?? null;
  }

  async lock(manager: EntityManager, tenantId: string, now: Date): Promise<LockedTenant> {
    let rows = await sql<LockRow>(manager, LOCK_SQL, [tenantId], 'billing_lock');
    if (rows.length === 0) {
      await this.open(manager, tenantId);
      rows = await sql<LockRow>(manager, LOCK_SQL, [tenantId], 'billing_lock');
    }
    const row = rows[0];
    const locked: LockedTenant = {
      tenantId,
      plan: planOf(row),
      trialStartedAt: row.trial_started_at,
      quotaExhaustedAt: row.quota_exhausted_at,
      quota: toBalance(row),
    };
    return this.settle(manager, locked, now);
  }

  async update(manager: EntityManager, tenantId: string, change: PlanChange): Promise<void> {
    const entries = Object.entries(change) as Array<[keyof PlanChange, unknown]>;
    if (entries.length === 0) return;
    const assignments = entries.map(([key], index) => `${COLUMN_OF[key]} = $${index + 2}`);
    await sql(
      manager,
      `UPDATE billing_accounts SET ${assignments.join(', ')}, updated_at = now() WHERE tenant_id = $1`,
      [tenantId, ...entries.map(([, value]) => value)],
    );
  }

  /**
   * Applies the clock and the quota rule to a locked tenant: a subscription or trial that ended
   * falls back to Basic; quota is only held by an active subscription, so what is left without one
   * goes to FORFEITED (a visible transfer); a refilled quota clears the exhausted mark.
   */
  async settle(manager: EntityManager, tenant: LockedTenant, now: Date): Promise<LockedTenant> {
    let current = tenant;
    const plan = effectivePlan(tenant.plan, now);
    if (plan !== tenant.plan) {
      await this.update(manager, tenant.tenantId, {
        edition: plan.edition,
        model: plan.model,
        subscriptionEndsAt: plan.subscriptionEndsAt,
      });
      current = { ...current, plan };
    }
    const available = availableOf(current.quota);
    if (plan.model !== 'SUBSCRIPTION' && available > 0) {
      await this.ledger.transfer(manager, tenant.tenantId, {
        id: `~forfeit:${randomUUID()}`,
        debit: 'QUOTA',
        credit: 'FORFEITED',
        amount: available,
        code: 'FORFEIT',
        at: now,
      });
      current = { ...current, quota: { ...current.quota, debitsPosted: current.quota.debitsPosted + available } };
    }
    if (plan.model === 'SUBSCRIPTION' && current.quotaExhaustedAt !== null && available > 0) {
      await this.update(manager, tenant.tenantId, { quotaExhaustedAt: null });
      current = { ...current, quotaExhaustedAt: null };
    }
    return current;
  }

  /**
   * After a reservation on QUOTA released units: settles again when that can change anything (no
   * active subscription to hold them, or an exhausted mark to clear), re-reading the balance.
   */
  async settleAfterRelease(manager: EntityManager, tenant: LockedTenant, now: Date): Promise<LockedTenant> {
    if (tenant.plan.model === 'SUBSCRIPTION' && tenant.quotaExhaustedAt === null) return tenant;
    const [row] = await sql<Parameters<typeof toBalance>[0]>(
      manager,
      `SELECT ${ACCOUNT_COLUMNS} FROM ledger_accounts WHERE tenant_id = $1 AND code = 'QUOTA'`,
      [tenant.tenantId],
    );
    return this.settle(manager, { ...tenant, quota: toBalance(row) }, now);
  }
}
