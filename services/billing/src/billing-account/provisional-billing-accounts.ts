import type { BillingAccountsPort } from './billing-accounts.token';

// Replaced by the ledger-backed accounts service when it lands.
export const provisionalBillingAccounts: BillingAccountsPort = {
  billingAccount: async () => ({
    edition: 'BASIC',
    model: 'NONE',
    quota: { purchased: 0, consumed: 0, reserved: 0, remaining: 0 },
    subscriptionEndsAt: null,
    trialEndsAt: null,
  }),
};
