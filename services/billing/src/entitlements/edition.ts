/** Security Center editions (seed: "Billing details"). BASIC is what every tenant starts on. */
export const EDITIONS = ['BASIC', 'ANTI_VIRUS', 'ADVANCED', 'ENTERPRISE', 'ULTIMATE', 'VALUE_ADDED'] as const;
export type Edition = (typeof EDITIONS)[number];

/** Editions a tenant can buy by subscription. */
export const PURCHASABLE_EDITIONS: readonly Edition[] = ['ANTI_VIRUS', 'ADVANCED', 'ENTERPRISE', 'ULTIMATE', 'VALUE_ADDED'];

/** How the CSPM service is paid for: not at all, prepaid quota, or postpaid per unit. */
export const BILLING_MODELS = ['NONE', 'SUBSCRIPTION', 'PAY_AS_YOU_GO'] as const;
export type BillingModel = (typeof BILLING_MODELS)[number];

/** The billable operations a quota unit pays for (one per check item per instance). */
export const QUOTA_OPERATIONS = ['SCAN', 'VERIFY', 'FIX'] as const;
export type QuotaOperation = (typeof QUOTA_OPERATIONS)[number];

export function isEdition(value: unknown): value is Edition {
  return typeof value === 'string' && (EDITIONS as readonly string[]).includes(value);
}

export function isQuotaOperation(value: unknown): value is QuotaOperation {
  return typeof value === 'string' && (QUOTA_OPERATIONS as readonly string[]).includes(value);
}
