import type { Asset, Product, ResourceType } from '@rampart/asset-model';
import type { CheckParams, ParamSpecs } from './check-params.definition';
import type { JsonObject, Verdict } from './check-result.definition';
import type { EvaluationContext } from './evaluation-context.definition';
import type { FixPlanOutcome } from './fix-plan.definition';

export type Severity = 'HIGH' | 'MEDIUM' | 'LOW';
export type StandardId = 'CIS_ALIBABA_2_0' | 'MLPS_2_0_L3';
export interface StandardRef {
  readonly standard: StandardId;
  /** CIS section ("4.3") or GB/T 22239-2019 clause with item letter ("8.1.4.2a"). */
  readonly controlId: string;
}
export type CheckProduct = Exclude<Product, 'HOST'>;

/** How a failing asset can be fixed: the write calls, and a pure planner that returns them with their rollback. */
export interface FixDescriptor {
  readonly description: string;
  /** "Product:Action" of every write the plan may contain. */
  readonly writeActions: readonly string[];
  readonly rollbackActions: readonly string[];
  /** Reads run just before writing to confirm the prior state. */
  readonly captureActions: readonly string[];
  readonly params: ParamSpecs;
  readonly defaultParams: CheckParams;
  readonly paramSchema: JsonObject;
  plan(asset: Asset, ctx: EvaluationContext, checkParams: CheckParams, fixParams: CheckParams): FixPlanOutcome;
}

/** A check item of the catalogue: metadata plus a pure evaluation over a normalised asset. */
export interface CheckItem {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly rationale: string;
  readonly severity: Severity;
  readonly product: CheckProduct;
  /** ROS resource type of the assets it evaluates (only those are given to it). */
  readonly resourceType: ResourceType;
  readonly free: boolean;
  readonly standards: readonly StandardRef[];
  readonly remediation: string;
  /** "Product:Action" reads whose data it needs; drives the collector and the RAM permissions document. */
  readonly apis: readonly string[];
  /** Configuration fields it reads; one listed in `asset.unknown` makes the result ERROR. */
  readonly reads: readonly string[];
  readonly params: ParamSpecs;
  readonly defaultParams: CheckParams;
  /** JSON Schema (draft-07) of the parameters. */
  readonly paramSchema: JsonObject;
  readonly fixable: boolean;
  readonly fix: FixDescriptor | null;
  /** Never throws: unknown data gives ERROR, inapplicable assets NOT_APPLICABLE. */
  evaluate(asset: Asset, ctx: EvaluationContext, params: CheckParams): Verdict;
}
