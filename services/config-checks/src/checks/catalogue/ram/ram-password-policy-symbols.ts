import { standardRef } from '../standard-ref.factory';
import { definePasswordPolicyCheck } from './password-policy-check.factory';

export const ramPasswordPolicySymbols = definePasswordPolicyCheck({
  id: 'ram-password-policy-symbols',
  title: 'RAM password policy requires at least one symbol',
  description: 'Fails unless the account password policy sets RequireSymbols.',
  rationale: 'Character-class requirements raise the cost of guessing and of dictionary attacks on console passwords.',
  severity: 'MEDIUM',
  free: true,
  standards: [standardRef.cis('1.9'), standardRef.mlps('8.1.4.1a')],
  remediation: 'RAM console → Settings → Security settings → Password strength: require symbols (or SetPasswordPolicy RequireSymbols=true).',
  field: 'requireSymbols',
  params: {},
  violation: (p) => (p.requireSymbols ? null : { expected: true, why: 'Password policy does not require a symbol' }),
  fixed: (p) => ({ ...p, requireSymbols: true }),
});
