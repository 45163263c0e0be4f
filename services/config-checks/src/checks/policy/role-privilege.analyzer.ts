import type { AttachedPolicyRef } from '@rampart/asset-model';
import { findUnknown } from '../engine/unknown-data.matcher';
import { verdict } from '../engine/verdict.factory';
import type { JsonObject, Verdict } from '../model/check-result.definition';
import type { AssetOf, EvaluationContext, MemoKey } from '../model/evaluation-context.definition';
import { policyDocument } from './policy-document.inspector';

const ROLES_BY_NAME: MemoKey<ReadonlyMap<string, AssetOf<'ramRole'>>> = { name: 'ram-roles-by-name' };

export interface PrivilegeCriteria {
  /** System or custom policy names that are privileged by themselves (e.g. AdministratorAccess). */
  readonly privilegedPolicies: readonly string[];
  /** Actions that are privileged when allowed on "*" (e.g. "ram:*", "oss:*"). */
  readonly privilegedActions: readonly string[];
}

export type PrivilegeOutcome =
  | { readonly ok: true; readonly role: AssetOf<'ramRole'>; readonly grants: readonly JsonObject[] }
  | { readonly ok: false; readonly verdict: Verdict };

export function roleByName(ctx: EvaluationContext, accountId: string, roleName: string): AssetOf<'ramRole'> | undefined {
  const index = ctx.perAccount(ROLES_BY_NAME, accountId, () => new Map(ctx.ofKind('ramRole', accountId).map((r) => [r.configuration.roleName, r])));
  return index.get(roleName);
}

function policyGrants(ctx: EvaluationContext, ref: AttachedPolicyRef, criteria: PrivilegeCriteria): JsonObject[] | Verdict {
  if (criteria.privilegedPolicies.includes(ref.policyName)) return [{ policyName: ref.policyName, policyType: ref.policyType, reason: 'privileged policy' }];
  const policy = ctx.asset(ref.policyId) as AssetOf<'ramPolicy'> | undefined;
  if (policy === undefined) {
    // System policies are known by name; a custom one we cannot read could grant anything.
    return ref.policyType === 'System'
      ? []
      : verdict.error(`custom policy ${ref.policyName} is not in the inventory`, { missingPolicyId: ref.policyId });
  }
  const missing = findUnknown(policy, ['document']);
  if (missing !== null) return verdict.unknown(missing, policy.id);
  const grants: JsonObject[] = [];
  for (const action of criteria.privilegedActions) {
    const statement = policyDocument.allowsOnAllResources(policy.configuration.document, action);
    if (statement !== null) grants.push({ policyName: ref.policyName, policyType: ref.policyType, action, resource: '*' });
  }
  return grants;
}

/** What a role can do that counts as privileged; ERROR when a needed policy or the role itself is unknown. */
export function roleGrants(ctx: EvaluationContext, accountId: string, roleName: string, criteria: PrivilegeCriteria): PrivilegeOutcome {
  const role = roleByName(ctx, accountId, roleName);
  if (role === undefined) return { ok: false, verdict: verdict.error(`RAM role ${roleName} is not in the inventory`, { missingRole: roleName }) };
  const missing = findUnknown(role, ['attachedPolicies']);
  if (missing !== null) return { ok: false, verdict: verdict.unknown(missing, role.id) };
  const grants: JsonObject[] = [];
  for (const ref of role.configuration.attachedPolicies) {
    const found = policyGrants(ctx, ref, criteria);
    if (!Array.isArray(found)) return { ok: false, verdict: found as Verdict };
    grants.push(...found);
  }
  return { ok: true, role, grants };
}
