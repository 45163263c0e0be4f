import { CreateQuotaLedger1764400000000 } from './1764400000000-create-quota-ledger';

export const billingMigrations = [CreateQuotaLedger1764400000000];
