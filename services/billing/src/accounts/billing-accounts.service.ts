import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  BadUserInputError,
  ConflictError,
  decodeCursor,
  pageSize,
  toConnection,
  type Connection,
  type TenantDatabase,
} from '@rampart/platform';
import { isEdition, PURCHASABLE_EDITIONS, type BillingModel, type Edition, type QuotaOperation } from '../entitlements/edition';
import { legacyAllowances } from '../entitlements/entitlements.service';
import { entitlementsOf, type LegacyFreeItemAllowance } from '../entitlements/tenant-entitlements';
import { availableOf, type TenantBalances } from '../ledger/ledger-account';
import { QuotaLedger } from '../ledger/quota-ledger';
import { sql, toNumber } from '../ledger/sql';
import { withTransactionRetry } from '../quota/transaction-retry';
import { BillingAccountRepository, type LockedTenant } from './billing-account.repository';

export interface QuotaSummary {
  /** Units bought by subscription or granted by the trial. */
  purchased: number;
  /** Units charged (usage rows), on quota and on pay-as-you-go. */
  consumed: number;
  /** Units held by open reservations. */
  reserved: number;
  /** Prepaid units left; null on pay-as-you-go (no limit). */
  remaining: number | null;
  /** Prepaid units forfeited when a subscription or trial ended. */
  forfeited: number;
}

export interface BillingAccountSummary {
  edition: Edition;
  model: BillingModel;
  quota: QuotaSummary;
  /** Units billed on pay-as-you-go (part of `quota.consumed`). */
  payAsYouGoBilled: number;
  subscriptionEndsAt: Date | null;
  trialEndsAt: Date | null;
  /** Free config-check items kept from before 2023-07-07; 0 = current rules. */
  legacyFreeItemCount: number;
}

export interface PurchaseSubscriptionInput {
  edition: string;
  /** Quota units of the CSPM value-added service; 0 or absent buys the edition alone. */
  cspmQuota?: number | null;
  months: number;
}

export interface UsageQuery {
  from?: Date | null;
  to?: Date | null;
  first?: number | null;
  after?: string | null;
}

export interface UsageEntry {
  operation: QuotaOperation;
  units: number;
  checkItemId: string;
  assetId: string;
  taskId: string;
  at: Date;
}

export interface BillingAccountsOptions {
  clock?: () => Date;
  /** Quota units the 7-day Enterprise trial grants. */
  trialQuota?: number;
  trialDays?: number;
}

const MAX_CSPM_QUOTA = 100_000_000;
const MAX_MONTHS = 60;

interface UsageRow {
  seq: string;
  operation: QuotaOperation;
  check_item_id: string;
  asset_id: string;
  task_id: string;
  at: Date;
}

/**
 * The tenant-facing billing operations behind the GraphQL API (CONTRACT §5): the account view,
 * subscriptions, pay-as-you-go, the trial and the usage history. Each call is one transaction under
 * the tenant's lock; quota moves only as ledger transfers from or to the tenant's system accounts.
 */
export class BillingAccountsService {
  private readonly clock: () => Date;
  private readonly trialQuota: number;
  private readonly trialDays: number;

  constructor(
    private readonly database: TenantDatabase,
    options: BillingAccountsOptions = {},
    private readonly accounts = new BillingAccountRepository(),
    private readonly ledger = new QuotaLedger(),
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.trialQuota = options.trialQuota ?? 1000;
    this.trialDays = options.trialDays ?? 7;
  }

  billingAccount(tenantId: string): Promise<BillingAccountSummary> {
    return this.locked(tenantId, async (manager, tenant) => tenant);
  }

  async purchaseSubscription(tenantId: string, input: PurchaseSubscriptionInput): Promise<BillingAccountSummary> {
    const { edition, cspmQuota, months } = validatePurchase(input);
    return this.locked(tenantId, async (manager, tenant, now) => {
      const plan = tenant.plan;
      const onTrial = plan.trialEndsAt !== null && plan.trialEndsAt > now;
      if (onTrial) {
        // A purchase ends the trial; its quota is not carried into the paid subscription.
        await this.accounts.update(manager, tenantId, { trialEndsAt: now });
        await this.accounts.settle(manager, { ...tenant, plan: { ...plan, model: 'NONE' } }, now);
      }
      const renewsFrom = !onTrial && plan.subscriptionEndsAt !== null ? plan.subscriptionEndsAt : now;
      let model: BillingModel = onTrial ? 'NONE' : plan.model;
      if (cspmQuota > 0) model = 'SUBSCRIPTION';
      await this.accounts.update(manager, tenantId, {
        edition,
        model,
        subscriptionEndsAt: addMonths(renewsFrom, months),
        quotaExhaustedAt: null,
      });
      if (cspmQuota > 0) {
        await this.ledger.transfer(manager, tenantId, {
          id: `~purchase:${randomUUID()}`,
          debit: 'SUBSCRIPTIONS',
          credit: 'QUOTA',
          amount: cspmQuota,
          code: 'PURCHASE',
          at: now,
        });
      }
      return this.accounts.lock(manager, tenantId, now);
    });
  }

  activatePayAsYouGo(tenantId: string): Promise<BillingAccountSummary> {
    return this.locked(tenantId, async (manager, tenant, now) => {
      if (tenant.plan.model === 'PAY_AS_YOU_GO') return tenant;
      if (tenant.plan.model === 'SUBSCRIPTION') {
        throw new ConflictError(
          `The CSPM subscription runs until ${tenant.plan.subscriptionEndsAt?.toISOString()}: unsubscribe or let it end before activating pay-as-you-go`,
        );
      }
      await this.accounts.update(manager, tenantId, { model: 'PAY_AS_YOU_GO' });
      return this.accounts.lock(manager, tenantId, now);
    });
  }

  /** Ends the subscription (or the trial) now, forfeiting its unused quota; else turns pay-as-you-go off. */
  unsubscribe(tenantId: string): Promise<BillingAccountSummary> {
    return this.locked(tenantId, async (manager, tenant, now) => {
      const plan = tenant.plan;
      if (plan.subscriptionEndsAt !== null) {
        const onTrial = plan.trialEndsAt !== null && plan.trialEndsAt > now;
        await this.accounts.update(manager, tenantId, {
          edition: 'BASIC',
          model: plan.model === 'SUBSCRIPTION' ? 'NONE' : plan.model,
          subscriptionEndsAt: null,
          ...(onTrial ? { trialEndsAt: now } : {}),
        });
      } else if (plan.model === 'PAY_AS_YOU_GO') {
        await this.accounts.update(manager, tenantId, { model: 'NONE' });
      } else {
        throw new ConflictError('There is no subscription or pay-as-you-go service to end');
      }
      return this.accounts.lock(manager, tenantId, now);
    });
  }

  /** The 7-day Enterprise trial with its quota: once per tenant, for tenants without a paid plan. */
  startTrial(tenantId: string): Promise<BillingAccountSummary> {
    return this.locked(tenantId, async (manager, tenant, now) => {
      if (tenant.trialStartedAt !== null) throw new ConflictError('The free trial was already used');
      if (tenant.plan.model !== 'NONE' || tenant.plan.edition !== 'BASIC') {
        throw new ConflictError('The free trial is for tenants on the Basic edition without the CSPM service');
      }
      const endsAt = new Date(now.getTime() + this.trialDays * 24 * 3600 * 1000);
      await this.accounts.update(manager, tenantId, {
        edition: 'ENTERPRISE',
        model: 'SUBSCRIPTION',
        subscriptionEndsAt: endsAt,
        trialStartedAt: now,
        trialEndsAt: endsAt,
        quotaExhaustedAt: null,
      });
      // The id is fixed per tenant, so the schema itself refuses a second trial grant.
      await this.ledger.transfer(manager, tenantId, {
        id: '~trial',
        debit: 'TRIALS',
        credit: 'QUOTA',
        amount: this.trialQuota,
        code: 'TRIAL',
        at: now,
      });
      return this.accounts.lock(manager, tenantId, now);
    });
  }

  /** Records when a tenant first authorized CSPM (imports of tenants from before 2023-07-07). */
  recordCspmAuthorization(tenantId: string, authorizedAt: Date): Promise<BillingAccountSummary> {
    return this.locked(tenantId, async (manager, tenant, now) => {
      if (authorizedAt < tenant.plan.cspmAuthorizedAt) {
        await this.accounts.update(manager, tenantId, { cspmAuthorizedAt: authorizedAt });
      }
      return this.accounts.lock(manager, tenantId, now);
    });
  }

  /** Charged evaluations, oldest first, as a Relay connection. */
  async usage(tenantId: string, query: UsageQuery = {}): Promise<Connection<UsageEntry>> {
    const first = pageSize(query.first);
    const after = decodeCursor(query.after, 1);
    const from = validDate(query.from, 'from');
    const to = validDate(query.to, 'to');
    if (from && to && from > to) throw new BadUserInputError('to must not be before from', 'to');
    return this.database.run(tenantId, async (manager) => {
      const filter = 'tenant_id = $1 AND ($2::timestamptz IS NULL OR at >= $2) AND ($3::timestamptz IS NULL OR at < $3)';
      const rows = await sql<UsageRow>(
        manager,
        `SELECT seq, operation, check_item_id, asset_id, task_id, at FROM usage
         WHERE ${filter} AND seq > $4 ORDER BY seq LIMIT $5`,
        [tenantId, from, to, after ? Number(after[0]) : 0, first + 1],
      );
      const [count] = await sql<{ total: number }>(manager, `SELECT count(*)::int AS total FROM usage WHERE ${filter}`, [
        tenantId,
        from,
        to,
      ]);
      return toConnection(
        rows,
        first,
        count.total,
        (row) => [toNumber(row.seq)],
        (row) => ({
          operation: row.operation,
          units: 1,
          checkItemId: row.check_item_id,
          assetId: row.asset_id,
          taskId: row.task_id,
          at: row.at,
        }),
        after !== null,
      );
    });
  }

  private locked(
    tenantId: string,
    work: (manager: EntityManager, tenant: LockedTenant, now: Date) => Promise<LockedTenant>,
  ): Promise<BillingAccountSummary> {
    return withTransactionRetry(() =>
      this.database.run(tenantId, async (manager) => {
        const now = this.clock();
        const tenant = await work(manager, await this.accounts.lock(manager, tenantId, now), now);
        const balances = await this.ledger.balances(manager, tenantId);
        return summaryOf(tenant, balances, now, await legacyAllowances(manager));
      }),
    );
  }
}

function summaryOf(
  tenant: LockedTenant,
  balances: TenantBalances,
  now: Date,
  allowances: LegacyFreeItemAllowance[],
): BillingAccountSummary {
  const { QUOTA, PAY_AS_YOU_GO, CONSUMED, FORFEITED } = balances;
  const entitlements = entitlementsOf(tenant.tenantId, tenant.plan, now, allowances);
  return {
    edition: tenant.plan.edition,
    model: tenant.plan.model,
    quota: {
      purchased: QUOTA.creditsPosted,
      consumed: CONSUMED.creditsPosted,
      reserved: QUOTA.debitsPending + PAY_AS_YOU_GO.debitsPending,
      remaining: tenant.plan.model === 'PAY_AS_YOU_GO' ? null : availableOf(QUOTA),
      forfeited: FORFEITED.creditsPosted,
    },
    payAsYouGoBilled: PAY_AS_YOU_GO.debitsPosted,
    subscriptionEndsAt: tenant.plan.subscriptionEndsAt,
    trialEndsAt: tenant.plan.trialEndsAt,
    legacyFreeItemCount: entitlements.legacyFreeItemCount,
  };
}

function validatePurchase(input: PurchaseSubscriptionInput): { edition: Edition; cspmQuota: number; months: number } {
  if (!isEdition(input.edition) || !PURCHASABLE_EDITIONS.includes(input.edition)) {
    throw new BadUserInputError(`edition must be one of ${PURCHASABLE_EDITIONS.join(', ')}`, 'input.edition');
  }
  const cspmQuota = input.cspmQuota ?? 0;
  if (!Number.isSafeInteger(cspmQuota) || cspmQuota < 0 || cspmQuota > MAX_CSPM_QUOTA) {
    throw new BadUserInputError(`cspmQuota must be an integer from 0 to ${MAX_CSPM_QUOTA}`, 'input.cspmQuota');
  }
  if (!Number.isInteger(input.months) || input.months <= 0 || input.months > MAX_MONTHS) {
    throw new BadUserInputError(`months must be an integer from 1 to ${MAX_MONTHS}`, 'input.months');
  }
  return { edition: input.edition, cspmQuota, months: input.months };
}

function validDate(value: Date | null | undefined, path: string): Date | null {
  if (value === undefined || value === null) return null;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new BadUserInputError(`${path} must be a date-time`, path);
  return value;
}

/** Calendar months later, clamped to the last day of a shorter month (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}
