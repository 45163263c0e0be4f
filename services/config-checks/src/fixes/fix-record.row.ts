import type { ExecutedApiCall } from '@rampart/contracts';
import type { FixPlan } from '../checks';

export type FixMode = 'FIX' | 'ROLLBACK';
export type FixOutcome = 'PENDING' | 'APPLIED' | 'STALE' | 'FAILED' | 'REFUSED';

/** A `fix_records` row. */
export interface FixRecordRow {
  tenant_id: string;
  task_id: string;
  mode: FixMode;
  result_id: string;
  check_item_id: string;
  asset_id: string;
  params: Record<string, unknown>;
  plan: FixPlan;
  rolls_back: string | null;
  outcome: FixOutcome;
  reservation_id: string | null;
  /** Set before the writes are requested: a redelivery then asks for the same writes' answer instead of capturing again. */
  writes_requested_at: Date | null;
  executed: ExecutedApiCall[];
  outputs: unknown[];
  error_code: string | null;
  error_message: string | null;
}
