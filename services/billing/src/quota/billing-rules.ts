import type { BillingModel, QuotaOperation } from '../entitlements/edition';
import type { TenantEntitlements } from '../entitlements/tenant-entitlements';

/** One operation of one check item on one asset instance, as a worker is about to bill it. */
export interface BillableEvaluation {
  /** A free item for this tenant: the catalogue's free set, or the tenant's legacy free items. */
  free: boolean;
  operation: QuotaOperation;
  /** For FIX: whether the fix succeeded (only a successful fix is billed). */
  succeeded: boolean;
}

/**
 * Quota units one entitled evaluation costs (CONTRACT §6): free items cost nothing to scan or
 * verify and one unit per successful fix; paid items one unit per scan, verify and successful fix;
 * nothing at all when the tenant's plan does not meter config checks.
 */
export function unitsCharged(evaluation: BillableEvaluation, entitlements: Pick<TenantEntitlements, 'quotaMetered'>): number {
  if (!entitlements.quotaMetered) return 0;
  if (evaluation.operation === 'FIX') return evaluation.succeeded ? 1 : 0;
  return evaluation.free ? 0 : 1;
}

/**
 * Units granted to a reservation: a subscription grants what is left up to the request,
 * pay-as-you-go grants everything (billed afterwards), no CSPM service grants nothing.
 */
export function unitsGranted(model: BillingModel, requested: number, available: number): number {
  switch (model) {
    case 'SUBSCRIPTION':
      return Math.max(0, Math.min(requested, available));
    case 'PAY_AS_YOU_GO':
      return requested;
    case 'NONE':
      return 0;
  }
}
