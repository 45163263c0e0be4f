/**
 * The accounts of one tenant's ledger. Every transfer moves units between two of them, so the
 * whole history of a tenant balances (TigerBeetle-style, with the tenant as the ledger).
 * The counterpart "system" accounts live per tenant rather than globally so no row is shared
 * between tenants: a global sink would serialise every tenant's posts on one row.
 */
export const ACCOUNT_CODES = ['QUOTA', 'PAY_AS_YOU_GO', 'SUBSCRIPTIONS', 'TRIALS', 'CONSUMED', 'FORFEITED'] as const;
export type AccountCode = (typeof ACCOUNT_CODES)[number];

/** Only the prepaid quota account may never be overdrawn. */
export const LIMITED_ACCOUNTS: ReadonlySet<AccountCode> = new Set(['QUOTA']);

export interface AccountBalance {
  code: AccountCode;
  debitsPending: number;
  debitsPosted: number;
  creditsPending: number;
  creditsPosted: number;
  debitsMustNotExceedCredits: boolean;
}

export type TenantBalances = Record<AccountCode, AccountBalance>;

/** What a limited account can still grant: credits not yet spent or held. */
export function availableOf(account: AccountBalance): number {
  return account.creditsPosted - account.debitsPosted - account.debitsPending;
}

/** Why units moved; stored on every transfer. */
export type TransferCode =
  | 'PURCHASE'
  | 'TRIAL'
  | 'FORFEIT'
  | 'RESERVATION'
  | 'USAGE'
  | 'LATE_USAGE'
  | 'RELEASE'
  | 'EXPIRY';
export type TransferKind = 'POSTED' | 'PENDING' | 'POST_PENDING' | 'VOID_PENDING';
