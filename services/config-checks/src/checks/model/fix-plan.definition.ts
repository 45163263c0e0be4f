import type { JsonObject, JsonValue } from './check-result.definition';

/** Product names as the snapshot (CONTRACT §4) and the OpenAPI SDKs spell them. */
export type ApiProduct =
  | 'Ecs' | 'Vpc' | 'Slb' | 'Oss' | 'Ram' | 'Ims' | 'Rds' | 'R-kvstore' | 'Actiontrail' | 'Kms' | 'Sls' | 'Cs' | 'Sas';

/** A value taken from the response of an earlier write of the same plan (e.g. the id a Create* call returns). */
export interface OutputRef {
  readonly $output: { readonly write: number; readonly path: string };
}
export type ApiParamValue = JsonValue | OutputRef;

export interface ApiCall {
  readonly product: ApiProduct;
  readonly action: string;
  /** null for global APIs (RAM, OSS bucket-level calls are addressed by bucket). */
  readonly region: string | null;
  readonly params: Readonly<Record<string, ApiParamValue>>;
}

/**
 * A read the executor runs immediately before the first write. It re-normalises the response and compares `fields`
 * (asset-model configuration paths) with `FixPlan.priorState`; a difference means the plan is stale and nothing is
 * written, so the rollback below always restores what was really there.
 */
export interface StateCapture {
  readonly call: ApiCall;
  readonly fields: readonly string[];
}

export interface FixPlan {
  readonly checkItemId: string;
  readonly assetId: string;
  readonly summary: string;
  readonly capture: readonly StateCapture[];
  /** Configuration values (by asset-model path) the rollback restores. */
  readonly priorState: JsonObject;
  /** Ordered writes; stop at the first failure and undo the writes that succeeded (see `rollback`). */
  readonly writes: readonly ApiCall[];
  /**
   * The calls that undo `writes` (built from `priorState`). With one call per write, `rollback[i]` undoes `writes[i]`:
   * a failure after k writes runs the first k in reverse order, and a whole rollback runs them all last-first.
   */
  readonly rollback: readonly ApiCall[];
}

export type FixPlanOutcome =
  | { readonly ok: true; readonly plan: FixPlan }
  | { readonly ok: false; readonly reason: string };
