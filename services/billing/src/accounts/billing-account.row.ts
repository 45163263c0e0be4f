import type { BillingModel, Edition } from '../entitlements/edition';

/** A `billing_accounts` row as Postgres returns it: one per tenant, its plan. */
export interface BillingAccountRow {
  tenant_id: string;
  edition: Edition;
  model: BillingModel;
  subscription_ends_at: Date | null;
  trial_started_at: Date | null;
  trial_ends_at: Date | null;
  cspm_authorized_at: Date;
  quota_exhausted_at: Date | null;
}

export const BILLING_ACCOUNT_COLUMNS =
  'tenant_id, edition, model, subscription_ends_at, trial_started_at, trial_ends_at, cspm_authorized_at, quota_exhausted_at';
