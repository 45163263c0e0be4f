import { standardRef } from '../standard-ref.factory';
import { definePasswordPolicyCheck } from './password-policy-check.factory';

export const ramPasswordPolicyPeriodicChange = definePasswordPolicyCheck({
  id: 'ram-password-policy-periodic-change',
  title: 'RAM password policy enforces periodic password change (MLPS)',
  description: 'MLPS 2.0 requires passwords to be changed periodically: fails when passwords never expire or expire later than the threshold (default 90 days).',
  rationale: 'GB/T 22239-2019 8.1.4.1a asks for complexity and periodic replacement of authentication information.',
  severity: 'LOW',
  free: false,
  standards: [standardRef.mlps('8.1.4.1a')],
  remediation: 'Set the password validity period to 90 days or less (SetPasswordPolicy MaxPasswordAge).',
  field: 'maxPasswordAge',
  params: { maxDays: { type: 'integer', default: 90, minimum: 1, maximum: 1095, description: 'Longest acceptable expiry period in days.' } },
  violation: (p, params) =>
    p.maxPasswordAge >= 1 && p.maxPasswordAge <= params.maxDays
      ? null
      : { expected: `1..${params.maxDays}`, why: p.maxPasswordAge === 0 ? 'Passwords never expire' : `Passwords expire after ${p.maxPasswordAge} days` },
  fixed: (p, params) => ({ ...p, maxPasswordAge: params.maxDays }),
});
