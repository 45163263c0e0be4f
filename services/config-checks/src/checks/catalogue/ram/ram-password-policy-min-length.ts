import { standardRef } from '../standard-ref.factory';
import { definePasswordPolicyCheck } from './password-policy-check.factory';

export const ramPasswordPolicyMinLength = definePasswordPolicyCheck({
  id: 'ram-password-policy-min-length',
  title: 'RAM password policy requires a minimum length of 14 or more',
  description: 'Fails when MinimumPasswordLength is below the threshold (default 14; the RAM default is 8).',
  rationale: 'Length is the strongest single factor against brute force.',
  severity: 'MEDIUM',
  free: true,
  standards: [standardRef.cis('1.11'), standardRef.mlps('8.1.4.1a')],
  remediation: 'Set the minimum password length to 14 or more (SetPasswordPolicy MinimumPasswordLength).',
  field: 'minimumPasswordLength',
  params: { minLength: { type: 'integer', default: 14, minimum: 8, maximum: 32, description: 'Minimum password length.' } },
  violation: (p, params) =>
    p.minimumPasswordLength >= params.minLength ? null : { expected: params.minLength, why: `Minimum password length is ${p.minimumPasswordLength}, below ${params.minLength}` },
  fixed: (p, params) => ({ ...p, minimumPasswordLength: params.minLength }),
});
