import { standardRef } from '../standard-ref.factory';
import { definePasswordPolicyCheck } from './password-policy-check.factory';

export const ramPasswordPolicyLowercase = definePasswordPolicyCheck({
  id: 'ram-password-policy-lowercase',
  title: 'RAM password policy requires at least one lowercase letter',
  description: 'Fails unless the account password policy sets RequireLowercaseCharacters.',
  rationale: 'Character-class requirements raise the cost of guessing and of dictionary attacks on console passwords.',
  severity: 'MEDIUM',
  free: true,
  standards: [standardRef.cis('1.8'), standardRef.mlps('8.1.4.1a')],
  remediation: 'RAM console → Settings → Security settings → Password strength: require lowercase letters (or SetPasswordPolicy RequireLowercaseCharacters=true).',
  field: 'requireLowercaseCharacters',
  params: {},
  violation: (p) => (p.requireLowercaseCharacters ? null : { expected: true, why: 'Password policy does not require a lowercase letter' }),
  fixed: (p) => ({ ...p, requireLowercaseCharacters: true }),
});
