/**
 * `assets.remediation.execute` (REQUESTS.remediationExecute): config-checks asks the assets service, which alone holds
 * cloud credentials, to run a fix plan's calls against a live account. JSON bodies: the plan is JSON data already
 * (CONTRACT `fixCheckResult(id, params: JSON)`), and the calls' params are open-ended API parameters.
 */
export interface RemediationApiCall {
  product: string;
  action: string;
  region: string | null;
  /** API parameters; `{ "$output": { "write": n, "path": "A.B" } }` takes a value from the response of write n. */
  params: Record<string, unknown>;
}

export interface RemediationCapture {
  call: RemediationApiCall;
  /** Asset-model configuration paths compared with `priorState`. */
  fields: string[];
}

export interface RemediationRequest {
  /** Idempotency key: a redelivered request with the same id gets the first answer and runs nothing again. */
  id: string;
  tenantId: string;
  assetId: string;
  /**
   * CHECK: only whether the plan could run (the asset is known, every call has a client, the account has live
   * credentials); no call is made. CAPTURE: run the capture reads and answer the asset re-normalised from them (the caller compares it with the
   * plan's prior state). FIX: run `writes` in order, undo the succeeded ones with `rollback` on the first failure,
   * then re-read the captures into the inventory. ROLLBACK: run `writes` (a fix's rollback calls) in order.
   */
  mode: 'CHECK' | 'CAPTURE' | 'FIX' | 'ROLLBACK';
  capture: RemediationCapture[];
  writes: RemediationApiCall[];
  rollback: RemediationApiCall[];
  /** Responses of the fix's writes, for `$output` references in a ROLLBACK. */
  outputs?: unknown[];
}

export interface ExecutedApiCall {
  phase: 'CAPTURE' | 'WRITE' | 'ROLLBACK';
  call: RemediationApiCall;
  response?: unknown;
  error?: { code: string; message: string };
}

export type RemediationOutcome =
  /** CHECK: the plan can run. */
  | 'READY'
  /** CAPTURE: the reads answered; `asset` holds the live state. */
  | 'CAPTURED'
  /** Every write succeeded. */
  | 'APPLIED'
  /** A write failed; the writes before it were rolled back (see `rollbackFailed`). */
  | 'FAILED'
  /** Refused before any call (no live credentials, unsupported call, unknown asset). */
  | 'REFUSED';

export interface RemediationReply {
  id: string;
  outcome: RemediationOutcome;
  /**
   * When REFUSED: BAD_USER_INPUT, NOT_FOUND, CONFLICT (the live state could not be read, or an earlier run with this
   * id was interrupted), IN_PROGRESS (a run with this id is still going: ask again later). When FAILED: the API's code.
   */
  errorCode?: string;
  errorMessage?: string;
  executed: ExecutedApiCall[];
  /** Responses of the writes, in order (for a later rollback's `$output` references). */
  outputs: unknown[];
  /** A rollback write that failed while undoing a failed fix: the account may be half-changed. */
  rollbackFailed?: boolean;
  /** CAPTURED: the stored asset with the captured fields re-read; APPLIED: the same after the writes, now in the inventory. */
  asset?: unknown;
  /** APPLIED: the inventory version of `asset` (its `assets.asset.changed.v1` carries the same). */
  version?: number;
  /** APPLIED without `asset`: why the asset could not be read back after the writes. */
  refreshError?: string;
}
