import { standardRef } from '../standard-ref.factory';
import { definePasswordPolicyCheck } from './password-policy-check.factory';

export const ramPasswordPolicyMaxLoginAttempts = definePasswordPolicyCheck({
  id: 'ram-password-policy-max-login-attempts',
  title: 'RAM password policy locks logon after at most 5 failed attempts',
  description:
    'Passes when MaxLoginAttemps (API spelling) is between 1 and the threshold. 0 means the lockout is off and fails, unlike peers that ' +
    'accept any value <= 5.',
  rationale: 'Lockout after a few failures stops online password guessing against console users.',
  severity: 'MEDIUM',
  free: true,
  standards: [standardRef.cis('1.14'), standardRef.mlps('8.1.4.1b')],
  remediation: 'Set "Retry constraint for logon" to 5 or fewer attempts within an hour (SetPasswordPolicy MaxLoginAttemps).',
  field: 'maxLoginAttempts',
  params: { maxAttempts: { type: 'integer', default: 5, minimum: 1, maximum: 32, description: 'Most failed attempts allowed before lockout.' } },
  violation: (p, params) =>
    p.maxLoginAttempts >= 1 && p.maxLoginAttempts <= params.maxAttempts
      ? null
      : {
          expected: `1..${params.maxAttempts}`,
          why: p.maxLoginAttempts === 0 ? 'Logon lockout is disabled (MaxLoginAttemps 0)' : `Lockout only after ${p.maxLoginAttempts} failed attempts`,
        },
  fixed: (p, params) => ({ ...p, maxLoginAttempts: params.maxAttempts }),
});
