import type { FactExpectation, HostFacts, RemediationStep } from '@rampart/host-facts';
import type { VulnerabilityIndex } from '../patches/vulnerability-advisory';

export type BaselineStandard = 'CIS_DEBIAN_12' | 'MLPS_2_0_L3' | 'WEAK_PASSWORD';
export const BASELINE_STANDARDS: readonly BaselineStandard[] = ['CIS_DEBIAN_12', 'MLPS_2_0_L3', 'WEAK_PASSWORD'];

export type BaselineStatus = 'PASS' | 'FAIL' | 'NOT_APPLICABLE' | 'MANUAL' | 'ERROR';
export type BaselineSeverity = 'HIGH' | 'MEDIUM' | 'LOW';
export type BaselineCategory =
  | 'account'
  | 'password'
  | 'pam'
  | 'ssh'
  | 'privilege'
  | 'filesystem'
  | 'services'
  | 'network'
  | 'kernel'
  | 'audit'
  | 'logging'
  | 'patch'
  | 'integrity'
  | 'weak-password'
  | 'container';

export type ParamValue = number | string | boolean | readonly string[];

export type ParamSpec =
  | { readonly type: 'integer'; readonly default: number; readonly min: number; readonly max: number; readonly description: string }
  | { readonly type: 'boolean'; readonly default: boolean; readonly description: string }
  | { readonly type: 'string'; readonly default: string; readonly allowed?: readonly string[]; readonly description: string }
  | { readonly type: 'string-list'; readonly default: readonly string[]; readonly description: string };

export type ParamSpecs = Readonly<Record<string, ParamSpec>>;
type ValueOf<S extends ParamSpec> = S extends { type: 'integer' } ? number : S extends { type: 'boolean' } ? boolean : S extends { type: 'string' } ? string : readonly string[];
/** Parameter values typed from their specs. */
export type ParamsOf<S extends ParamSpecs> = { readonly [K in keyof S]: ValueOf<S[K]> };
export type Params = Readonly<Record<string, ParamValue>>;

/** What is at fault (or was checked): an account, file, service, package or setting, with where it was found. */
export interface Evidence {
  readonly subject: string;
  readonly detail: string;
  readonly source?: string;
}

export interface CheckOutcome {
  readonly status: BaselineStatus;
  readonly reason: string;
  readonly evidence: readonly Evidence[];
}

export interface EvaluationContext {
  readonly now: Date;
  /** The operator-loaded vulnerability feed, for the missing-patch item. */
  readonly vulnerabilities?: VulnerabilityIndex;
}

export interface RemediationPlan {
  readonly steps: readonly RemediationStep[];
  readonly expect: readonly FactExpectation[];
}

export interface StandardReference {
  readonly standard: BaselineStandard;
  readonly controlId: string;
}

/**
 * A baseline check item: metadata plus a pure predicate over HostFacts and parameters. Methods (not function-typed
 * properties) so items with their own parameter shapes fit one catalogue.
 */
export interface BaselineCheckItem<S extends ParamSpecs = ParamSpecs> {
  readonly id: string;
  readonly title: string;
  readonly severity: BaselineSeverity;
  readonly category: BaselineCategory;
  readonly standards: readonly StandardReference[];
  /** An item about container security (Enterprise edition runs all items but these). */
  readonly containerSpecific: boolean;
  /** Host-kernel or host-wide items that do not apply inside a container. */
  readonly notApplicableInContainer: boolean;
  readonly remediation: string;
  readonly params: S;
  /** Parameter values of a built-in profile where they differ from the defaults. */
  readonly profiles?: Partial<Record<BaselineStandard, Partial<ParamsOf<S>>>>;
  evaluate(facts: HostFacts, params: ParamsOf<S>, context: EvaluationContext): CheckOutcome;
  fix?(facts: HostFacts, params: ParamsOf<S>): RemediationPlan | null;
}

/** Identity helper that keeps an item's own parameter type while checking it against the interface. */
export const defineItem = <const S extends ParamSpecs>(item: BaselineCheckItem<S>): BaselineCheckItem => item as unknown as BaselineCheckItem;
