import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { planSecurityPreferenceFix } from './security-preference-fix.planner';

export const ramAccountMfaLoginEnforced = defineCheck({
  id: 'ram-account-mfa-login-enforced',
  title: 'Console logon of RAM users requires MFA account-wide',
  description: 'Fails when the account security preference does not enforce MFA for every RAM user console logon.',
  rationale: 'Enforcing MFA centrally covers users created later and users whose per-user MFA requirement was switched off.',
  severity: 'MEDIUM',
  product: 'RAM',
  kind: 'account',
  free: false,
  standards: [standardRef.mlps('8.1.4.1d')],
  remediation: 'RAM console → Settings → Security settings → "MFA for RAM user logon": required (SetSecurityPreference EnforceMFAForLogin=true).',
  apis: ['Ram:GetSecurityPreference'],
  reads: ['securityPreference'],
  evaluate(asset) {
    const pref = asset.configuration.securityPreference;
    if (pref === null || pref.enforceMfaForLogin === null) return verdict.error('Security preference does not report EnforceMFAForLogin', { field: 'securityPreference.enforceMfaForLogin', value: null });
    return pref.enforceMfaForLogin
      ? verdict.pass('MFA is enforced for RAM user logon')
      : verdict.fail('MFA is not enforced for RAM user logon', { field: 'securityPreference.enforceMfaForLogin', value: false, expected: true });
  },
  fix: {
    description: 'Turns on EnforceMFAForLogin with SetSecurityPreference, keeping the other preferences.',
    writeActions: ['Ram:SetSecurityPreference'],
    rollbackActions: ['Ram:SetSecurityPreference'],
    captureActions: ['Ram:GetSecurityPreference'],
    plan: (asset) => planSecurityPreferenceFix(asset, 'Enforce MFA for RAM user logon', (p) => ({ ...p, enforceMfaForLogin: true })),
  },
});
