import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { planSecurityPreferenceFix } from './security-preference-fix.planner';

export const ramAccountSessionDuration = defineCheck({
  id: 'ram-account-session-duration',
  title: 'RAM user console sessions expire within 6 hours',
  description: 'Fails when LoginSessionDuration (hours) exceeds the threshold.',
  rationale: 'Short sessions limit how long a hijacked browser session stays useful and satisfy MLPS logout-on-timeout.',
  severity: 'LOW',
  product: 'RAM',
  kind: 'account',
  free: false,
  standards: [standardRef.mlps('8.1.4.1b')],
  remediation: 'RAM console → Settings → Security settings → "Logon session valid period": 6 hours or less.',
  apis: ['Ram:GetSecurityPreference'],
  reads: ['securityPreference'],
  params: { maxHours: { type: 'integer', default: 6, minimum: 1, maximum: 24, description: 'Longest acceptable console session in hours.' } },
  evaluate(asset, _ctx, params) {
    const hours = asset.configuration.securityPreference?.loginSessionDuration ?? null;
    if (hours === null) return verdict.error('Security preference does not report LoginSessionDuration', { field: 'securityPreference.loginSessionDuration', value: null });
    return hours <= params.maxHours
      ? verdict.pass(`Console sessions last ${hours} hour(s)`)
      : verdict.fail(`Console sessions last ${hours} hours, more than ${params.maxHours}`, { field: 'securityPreference.loginSessionDuration', value: hours, expected: `<= ${params.maxHours}` });
  },
  fix: {
    description: 'Sets LoginSessionDuration to the threshold with SetSecurityPreference, keeping the other preferences.',
    writeActions: ['Ram:SetSecurityPreference'],
    rollbackActions: ['Ram:SetSecurityPreference'],
    captureActions: ['Ram:GetSecurityPreference'],
    plan: (asset, _ctx, params) =>
      planSecurityPreferenceFix(asset, `Limit console sessions to ${params.maxHours} hours`, (p) => ({ ...p, loginSessionDuration: params.maxHours })),
  },
});
