import type { BillingModel, Edition, QuotaOperation } from './edition';

export type ConfigCheckItems = 'FREE_ONLY' | 'ALL';
export type EntitledOperation = 'DETECT' | 'VERIFY' | 'FIX';
export type BaselineItems = 'NONE' | 'WEAK_PASSWORD_ONLY' | 'ALL_BUT_CONTAINER' | 'ALL';

/** A tenant's billing state as stored; `effectivePlan` applies the clock to it. */
export interface TenantPlan {
  edition: Edition;
  model: BillingModel;
  subscriptionEndsAt: Date | null;
  trialEndsAt: Date | null;
  cspmAuthorizedAt: Date;
}

/** A free-item allowance kept by tenants that authorized CSPM before a cut-off (a table row). */
export interface LegacyFreeItemAllowance {
  edition: Edition;
  freeItemCount: number;
  authorizedBefore: Date;
}

/** The one answer that tells the other services what a tenant may do now. */
export interface TenantEntitlements {
  tenantId: string;
  edition: Edition;
  model: BillingModel;
  configCheckItems: ConfigCheckItems;
  configCheckOperations: EntitledOperation[];
  baselineItems: BaselineItems;
  baselineOperations: EntitledOperation[];
  attackPaths: boolean;
  /** The Ultimate edition also includes the KSMP config-check items. */
  ksmpCheckItems: boolean;
  /** Free config-check items a pre-2023-07-07 tenant keeps with its edition; 0 = current rules. */
  legacyFreeItemCount: number;
  /** Config-check operations consume quota (paid items: scan, verify, fix; free items: fix). */
  quotaMetered: boolean;
  /** Baseline operations consume quota (false when the edition fee includes baseline checks). */
  baselineQuotaMetered: boolean;
  subscriptionEndsAt: Date | null;
  trialEndsAt: Date | null;
}

const DETECT_AND_VERIFY: EntitledOperation[] = ['DETECT', 'VERIFY'];
const ALL_OPERATIONS: EntitledOperation[] = ['DETECT', 'VERIFY', 'FIX'];

/** Baseline items an edition's fee includes (seed: "Purchase the Advanced, Enterprise, or Ultimate Edition"). */
const EDITION_BASELINE: Partial<Record<Edition, BaselineItems>> = {
  ADVANCED: 'WEAK_PASSWORD_ONLY',
  ENTERPRISE: 'ALL_BUT_CONTAINER',
  ULTIMATE: 'ALL',
};

/** The plan as it stands at `now`: an ended subscription or trial falls back to Basic. */
export function effectivePlan(plan: TenantPlan, now: Date): TenantPlan {
  if (plan.subscriptionEndsAt === null || plan.subscriptionEndsAt > now) return plan;
  return {
    ...plan,
    edition: 'BASIC',
    model: plan.model === 'SUBSCRIPTION' ? 'NONE' : plan.model,
    subscriptionEndsAt: null,
  };
}

/**
 * Entitlements from the seed's billing tables. The CSPM service (subscription quota, the trial's
 * quota, or pay-as-you-go) unlocks all config-check items, fixes and attack paths, metered by
 * quota. Without it every edition detects and verifies free items only. Baseline checks follow
 * the edition when it is Advanced, Enterprise or Ultimate (included in the fee); otherwise the
 * CSPM service's rule (all items, metered) or nothing.
 */
export function entitlementsOf(
  tenantId: string,
  storedPlan: TenantPlan,
  now: Date,
  legacyAllowances: readonly LegacyFreeItemAllowance[] = [],
): TenantEntitlements {
  const plan = effectivePlan(storedPlan, now);
  const cspm = plan.model !== 'NONE';
  const editionBaseline = EDITION_BASELINE[plan.edition];
  const legacy = legacyAllowances.find(
    (allowance) => allowance.edition === plan.edition && plan.cspmAuthorizedAt < allowance.authorizedBefore,
  );
  let baselineItems: BaselineItems = 'NONE';
  if (editionBaseline) baselineItems = editionBaseline;
  else if (cspm) baselineItems = 'ALL';
  return {
    tenantId,
    edition: plan.edition,
    model: plan.model,
    configCheckItems: cspm ? 'ALL' : 'FREE_ONLY',
    configCheckOperations: cspm ? [...ALL_OPERATIONS] : [...DETECT_AND_VERIFY],
    baselineItems,
    baselineOperations: baselineItems === 'NONE' ? [] : [...ALL_OPERATIONS],
    attackPaths: cspm,
    ksmpCheckItems: plan.edition === 'ULTIMATE',
    legacyFreeItemCount: legacy?.freeItemCount ?? 0,
    quotaMetered: cspm,
    baselineQuotaMetered: cspm && !editionBaseline,
    subscriptionEndsAt: plan.subscriptionEndsAt,
    trialEndsAt: plan.trialEndsAt !== null && plan.trialEndsAt > now ? plan.trialEndsAt : null,
  };
}

/** The entitlement a billable operation needs. */
export function entitledOperationOf(operation: QuotaOperation): EntitledOperation {
  return operation === 'SCAN' ? 'DETECT' : operation;
}

/** Whether the tenant may perform `operation` on config-check items at all. */
export function permitsConfigCheckOperation(entitlements: TenantEntitlements, operation: QuotaOperation): boolean {
  return entitlements.configCheckOperations.includes(entitledOperationOf(operation));
}
