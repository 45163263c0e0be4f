import { standardRef } from '../standard-ref.factory';
import { definePasswordPolicyCheck } from './password-policy-check.factory';

export const ramPasswordPolicyMaxAge = definePasswordPolicyCheck({
  id: 'ram-password-policy-max-age',
  title: 'RAM password policy does not force password expiry sooner than 365 days (CIS v2.0.0)',
  description:
    'CIS v2.0.0 semantics (the opposite of v1.0.0): passes when passwords never expire (MaxPasswordAge 0) or expire after 365 days or ' +
    'more; fails for shorter periods. MLPS periodic change is checked by ram-password-policy-periodic-change.',
  rationale: 'Frequent forced changes lead to predictable passwords; current guidance prefers long, unique passwords with change on compromise.',
  severity: 'LOW',
  free: true,
  standards: [standardRef.cis('1.13')],
  remediation: 'Set the password validity period to 365 days or more, or disable forced expiry (SetPasswordPolicy MaxPasswordAge).',
  field: 'maxPasswordAge',
  params: { minDays: { type: 'integer', default: 365, minimum: 1, maximum: 1095, description: 'Shortest acceptable expiry period in days.' } },
  violation: (p, params) =>
    p.maxPasswordAge === 0 || p.maxPasswordAge >= params.minDays
      ? null
      : { expected: `0 or >= ${params.minDays}`, why: `Passwords expire after ${p.maxPasswordAge} days, sooner than ${params.minDays}` },
  fixed: (p, params) => ({ ...p, maxPasswordAge: params.minDays }),
});
