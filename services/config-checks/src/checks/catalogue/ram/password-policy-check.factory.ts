import type { PasswordPolicy } from '@rampart/asset-model';
import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import type { CheckItem, Severity, StandardRef } from '../../model/check-item.definition';
import type { ParamSpecs, ParamsOf } from '../../model/check-params.definition';
import type { JsonObject, JsonValue } from '../../model/check-result.definition';
import type { ApiCall } from '../../model/fix-plan.definition';

/** RAM SetPasswordPolicy parameters for a whole policy (the API spells MaxLoginAttemps without the "t"). */
export function setPasswordPolicyParams(p: PasswordPolicy): JsonObject {
  return {
    MinimumPasswordLength: p.minimumPasswordLength,
    RequireLowercaseCharacters: p.requireLowercaseCharacters,
    RequireUppercaseCharacters: p.requireUppercaseCharacters,
    RequireNumbers: p.requireNumbers,
    RequireSymbols: p.requireSymbols,
    PasswordReusePrevention: p.passwordReusePrevention,
    MaxPasswordAge: p.maxPasswordAge,
    HardExpiry: p.hardExpiry,
    MaxLoginAttemps: p.maxLoginAttempts,
  };
}

export interface PasswordPolicyCheckOptions<S extends ParamSpecs> {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly rationale: string;
  readonly severity: Severity;
  readonly free: boolean;
  readonly standards: readonly StandardRef[];
  readonly remediation: string;
  readonly field: keyof PasswordPolicy;
  readonly params: S;
  /** null when compliant, else what is wrong. */
  readonly violation: (policy: PasswordPolicy, params: ParamsOf<S>) => { readonly expected: JsonValue; readonly why: string } | null;
  /** The policy after the fix (only the checked field changes). */
  readonly fixed: (policy: PasswordPolicy, params: ParamsOf<S>) => PasswordPolicy;
}

/** One password-policy requirement per item, all read from GetPasswordPolicy and fixed with SetPasswordPolicy. */
export function definePasswordPolicyCheck<S extends ParamSpecs>(o: PasswordPolicyCheckOptions<S>): CheckItem {
  return defineCheck({
    id: o.id,
    title: o.title,
    description: o.description,
    rationale: o.rationale,
    severity: o.severity,
    product: 'RAM',
    kind: 'account',
    free: o.free,
    standards: o.standards,
    remediation: o.remediation,
    apis: ['Ram:GetPasswordPolicy'],
    reads: [`passwordPolicy.${o.field}`],
    params: o.params,
    evaluate(asset, _ctx, params) {
      const policy = asset.configuration.passwordPolicy;
      if (policy === null) return verdict.error('The account reported no password policy', { field: 'passwordPolicy', value: null });
      const value = policy[o.field];
      const wrong = o.violation(policy, params);
      if (wrong === null) return verdict.pass(`${o.field} is ${String(value)}`, { field: `passwordPolicy.${o.field}`, value });
      return verdict.fail(wrong.why, { field: `passwordPolicy.${o.field}`, value, expected: wrong.expected });
    },
    fix: {
      description: `Sets ${o.field} with RAM SetPasswordPolicy, passing every other setting unchanged.`,
      writeActions: ['Ram:SetPasswordPolicy'],
      rollbackActions: ['Ram:SetPasswordPolicy'],
      captureActions: ['Ram:GetPasswordPolicy'],
      plan(asset, _ctx, params) {
        const policy = asset.configuration.passwordPolicy;
        if (policy === null) return { ok: false, reason: 'password policy unknown' };
        const call = (p: PasswordPolicy): ApiCall => ({ product: 'Ram', action: 'SetPasswordPolicy', region: null, params: setPasswordPolicyParams(p) });
        return {
          ok: true,
          plan: {
            summary: `Set RAM password policy ${o.field}`,
            capture: [{ call: { product: 'Ram', action: 'GetPasswordPolicy', region: null, params: {} }, fields: ['passwordPolicy'] }],
            priorState: { passwordPolicy: setPasswordPolicyParams(policy) },
            writes: [call(o.fixed(policy, params))],
            rollback: [call(policy)],
          },
        };
      },
    },
  });
}
