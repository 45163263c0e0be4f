import type { AccountConfiguration } from '@rampart/asset-model';
import type { FixDraftOutcome } from '../../engine/define-check.factory';
import type { JsonObject } from '../../model/check-result.definition';
import type { AssetOf } from '../../model/evaluation-context.definition';
import type { ApiCall } from '../../model/fix-plan.definition';

type Preference = NonNullable<AccountConfiguration['securityPreference']>;

/** SetSecurityPreference with every known setting, so one change does not reset the others. */
function params(p: Preference): JsonObject {
  const out: Record<string, string | number | boolean> = {};
  if (p.enforceMfaForLogin !== null) out.EnforceMFAForLogin = p.enforceMfaForLogin;
  if (p.allowUserToChangePassword !== null) out.AllowUserToChangePassword = p.allowUserToChangePassword;
  if (p.allowUserToManageAccessKeys !== null) out.AllowUserToManageAccessKeys = p.allowUserToManageAccessKeys;
  if (p.allowUserToManageMfaDevices !== null) out.AllowUserToManageMFADevices = p.allowUserToManageMfaDevices;
  if (p.loginSessionDuration !== null) out.LoginSessionDuration = p.loginSessionDuration;
  out.LoginNetworkMasks = p.loginNetworkMasks ?? '';
  return out;
}

export function planSecurityPreferenceFix(account: AssetOf<'account'>, summary: string, change: (p: Preference) => Preference): FixDraftOutcome {
  const prior = account.configuration.securityPreference;
  if (prior === null) return { ok: false, reason: 'security preference unknown' };
  const call = (p: Preference): ApiCall => ({ product: 'Ram', action: 'SetSecurityPreference', region: null, params: params(p) });
  return {
    ok: true,
    plan: {
      summary,
      capture: [{ call: { product: 'Ram', action: 'GetSecurityPreference', region: null, params: {} }, fields: ['securityPreference'] }],
      priorState: { securityPreference: params(prior) },
      writes: [call(change(prior))],
      rollback: [call(prior)],
    },
  };
}
