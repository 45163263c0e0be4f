import { standardRef } from '../standard-ref.factory';
import { definePasswordPolicyCheck } from './password-policy-check.factory';

export const ramPasswordPolicyNumbers = definePasswordPolicyCheck({
  id: 'ram-password-policy-numbers',
  title: 'RAM password policy requires at least one number',
  description: 'Fails unless the account password policy sets RequireNumbers.',
  rationale: 'Character-class requirements raise the cost of guessing and of dictionary attacks on console passwords.',
  severity: 'MEDIUM',
  free: true,
  standards: [standardRef.cis('1.10'), standardRef.mlps('8.1.4.1a')],
  remediation: 'RAM console → Settings → Security settings → Password strength: require numbers (or SetPasswordPolicy RequireNumbers=true).',
  field: 'requireNumbers',
  params: {},
  violation: (p) => (p.requireNumbers ? null : { expected: true, why: 'Password policy does not require a number' }),
  fixed: (p) => ({ ...p, requireNumbers: true }),
});
