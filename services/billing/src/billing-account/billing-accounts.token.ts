import type { BillingAccountModel } from './billing-account.model';

export const BILLING_ACCOUNTS = Symbol('BILLING_ACCOUNTS');

export interface BillingAccountsPort {
  billingAccount(tenantId: string): Promise<BillingAccountModel>;
}
