import { standardRef } from '../standard-ref.factory';
import { definePasswordPolicyCheck } from './password-policy-check.factory';

export const ramPasswordPolicyUppercase = definePasswordPolicyCheck({
  id: 'ram-password-policy-uppercase',
  title: 'RAM password policy requires at least one uppercase letter',
  description: 'Fails unless the account password policy sets RequireUppercaseCharacters.',
  rationale: 'Character-class requirements raise the cost of guessing and of dictionary attacks on console passwords.',
  severity: 'MEDIUM',
  free: true,
  standards: [standardRef.cis('1.7'), standardRef.mlps('8.1.4.1a')],
  remediation: 'RAM console → Settings → Security settings → Password strength: require uppercase letters (or SetPasswordPolicy RequireUppercaseCharacters=true).',
  field: 'requireUppercaseCharacters',
  params: {},
  violation: (p) => (p.requireUppercaseCharacters ? null : { expected: true, why: 'Password policy does not require a uppercase letter' }),
  fixed: (p) => ({ ...p, requireUppercaseCharacters: true }),
});
