import { RESOURCE_TYPES, type Asset, type ResourceTypeKey } from '@rampart/asset-model';
import type { CheckItem, CheckProduct, FixDescriptor, Severity, StandardRef } from '../model/check-item.definition';
import type { CheckParams, ParamSpecs, ParamsOf } from '../model/check-params.definition';
import type { Verdict } from '../model/check-result.definition';
import type { AssetOf, EvaluationContext } from '../model/evaluation-context.definition';
import type { FixPlan } from '../model/fix-plan.definition';
import { paramSchemaBuilder } from './param-schema.builder';
import { findUnknown } from './unknown-data.matcher';
import { verdict } from './verdict.factory';

export type FixPlanDraft = Omit<FixPlan, 'checkItemId' | 'assetId'>;
export type FixDraftOutcome = { readonly ok: true; readonly plan: FixPlanDraft } | { readonly ok: false; readonly reason: string };

export interface FixSpec<K extends ResourceTypeKey, S extends ParamSpecs, F extends ParamSpecs> {
  readonly description: string;
  readonly writeActions: readonly string[];
  readonly rollbackActions: readonly string[];
  readonly captureActions: readonly string[];
  readonly params?: F;
  /** Called only for an asset the check currently FAILs. */
  plan(asset: AssetOf<K>, ctx: EvaluationContext, params: ParamsOf<S>, fixParams: ParamsOf<F>): FixDraftOutcome;
}

export interface CheckSpec<K extends ResourceTypeKey, S extends ParamSpecs, F extends ParamSpecs> {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly rationale: string;
  readonly severity: Severity;
  readonly product: CheckProduct;
  /** Asset kind evaluated; the ROS resource type follows from it. */
  readonly kind: K;
  readonly free: boolean;
  readonly standards: readonly StandardRef[];
  readonly remediation: string;
  readonly apis: readonly string[];
  readonly reads: readonly string[];
  readonly params?: S;
  /** Account-wide listings (e.g. "Actiontrail:DescribeTrails"); a failure recorded on the account asset gives ERROR. */
  readonly accountApis?: readonly string[];
  /** Fields `notApplicable` reads (checked for unknown data before it runs). */
  readonly applicabilityReads?: readonly string[];
  /** A reason when the item does not apply to this asset (stopped instance, other engine, Flannel cluster…). */
  notApplicable?(asset: AssetOf<K>, ctx: EvaluationContext, params: ParamsOf<S>): string | null;
  evaluate(asset: AssetOf<K>, ctx: EvaluationContext, params: ParamsOf<S>): Verdict;
  readonly fix?: FixSpec<K, S, F>;
}

function describeFailure(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}

/**
 * Turns a typed check declaration into a catalogue item whose `evaluate` never throws and orders the outcomes:
 * NOT_APPLICABLE (from known data) before ERROR for uncollected data before the check's own PASS/FAIL.
 */
export function defineCheck<K extends ResourceTypeKey, S extends ParamSpecs = Record<never, never>, F extends ParamSpecs = Record<never, never>>(
  spec: CheckSpec<K, S, F>,
): CheckItem {
  const paramSpecs: ParamSpecs = spec.params ?? {};
  const apis: ReadonlySet<string> = new Set(spec.apis);
  const accountApis: ReadonlySet<string> | null = spec.accountApis?.length ? new Set(spec.accountApis) : null;
  const applicabilityReads = spec.applicabilityReads ?? [];
  const notApplicable = spec.notApplicable;
  const evaluateTyped = spec.evaluate;
  const reads = spec.reads;

  // The engine hands an item only assets of its resource type, so this is the one place the config is narrowed.
  const narrow = (asset: Asset): AssetOf<K> => asset as unknown as AssetOf<K>;
  const typedParams = (params: CheckParams): ParamsOf<S> => params as ParamsOf<S>;

  function evaluate(asset: Asset, ctx: EvaluationContext, params: CheckParams): Verdict {
    try {
      const typed = narrow(asset);
      const hasUnknown = asset.unknown.length > 0;
      if (notApplicable !== undefined) {
        if (hasUnknown) {
          const missing = findUnknown(asset, applicabilityReads);
          if (missing !== null) return verdict.unknown(missing);
        }
        const reason = notApplicable(typed, ctx, typedParams(params));
        if (reason !== null) return verdict.notApplicable(reason);
      }
      if (hasUnknown) {
        const missing = findUnknown(asset, reads, apis);
        if (missing !== null) return verdict.unknown(missing);
      }
      if (accountApis !== null) {
        const account = ctx.account(asset.accountId);
        if (account !== undefined && account.unknown.length > 0) {
          const missing = findUnknown(account, [], accountApis);
          if (missing !== null) return verdict.unknown(missing, account.id);
        }
      }
      return evaluateTyped(typed, ctx, typedParams(params));
    } catch (thrown) {
      // Malformed configuration must never read as PASS.
      return verdict.error(`evaluation failed: ${describeFailure(thrown)}`, { exception: describeFailure(thrown) });
    }
  }

  let fix: FixDescriptor | null = null;
  const fixSpec = spec.fix;
  if (fixSpec !== undefined) {
    const fixParamSpecs: ParamSpecs = fixSpec.params ?? {};
    fix = {
      description: fixSpec.description,
      writeActions: fixSpec.writeActions,
      rollbackActions: fixSpec.rollbackActions,
      captureActions: fixSpec.captureActions,
      params: fixParamSpecs,
      defaultParams: paramSchemaBuilder.defaults(fixParamSpecs),
      paramSchema: paramSchemaBuilder.schema(fixParamSpecs),
      plan(asset, ctx, checkParams, fixParams) {
        const outcome = fixSpec.plan(narrow(asset), ctx, typedParams(checkParams), fixParams as ParamsOf<F>);
        if (!outcome.ok) return outcome;
        return { ok: true, plan: { checkItemId: spec.id, assetId: asset.id, ...outcome.plan } };
      },
    };
  }

  return Object.freeze({
    id: spec.id,
    title: spec.title,
    description: spec.description,
    rationale: spec.rationale,
    severity: spec.severity,
    product: spec.product,
    resourceType: RESOURCE_TYPES[spec.kind],
    free: spec.free,
    standards: spec.standards,
    remediation: spec.remediation,
    apis: spec.apis,
    reads: spec.reads,
    params: paramSpecs,
    defaultParams: paramSchemaBuilder.defaults(paramSpecs),
    paramSchema: paramSchemaBuilder.schema(paramSpecs),
    fixable: fix !== null,
    fix,
    evaluate,
  });
}
