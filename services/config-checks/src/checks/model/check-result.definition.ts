/** What one check item concluded about one asset. */
export type CheckStatus = 'PASS' | 'FAIL' | 'ERROR' | 'NOT_APPLICABLE';

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

/** Names the exact rule, field and value at fault (or that made the asset pass). */
export type Evidence = JsonObject;

/** The outcome of one check on one asset, before the engine stamps ids on it. */
export interface Verdict {
  readonly status: CheckStatus;
  readonly reason: string;
  readonly evidence: Evidence;
}

/** CONTRACT §5 `CheckResult` as the pure engine produces it (ids, timestamps and whitelisting are the service's). */
export interface CheckResult extends Verdict {
  readonly checkItemId: string;
  readonly assetId: string;
}
