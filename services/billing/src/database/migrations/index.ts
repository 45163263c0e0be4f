import { CreateQuotaLedger1764400000000 } from './1764400000000-create-quota-ledger';
import { IndexResolutionsOnly1764500000000 } from './1764500000000-index-resolutions-only';

export const billingMigrations = [CreateQuotaLedger1764400000000, IndexResolutionsOnly1764500000000];
