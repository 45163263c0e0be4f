import { standardRef } from '../standard-ref.factory';
import { definePasswordPolicyCheck } from './password-policy-check.factory';

export const ramPasswordPolicyReusePrevention = definePasswordPolicyCheck({
  id: 'ram-password-policy-reuse-prevention',
  title: 'RAM password policy prevents reuse of the last 5 passwords',
  description: 'Fails when PasswordReusePrevention is below the threshold (default 5; 0 allows reuse).',
  rationale: 'Reusing old passwords undoes rotation and revives leaked credentials.',
  severity: 'LOW',
  free: true,
  standards: [standardRef.cis('1.12'), standardRef.mlps('8.1.4.1a')],
  remediation: 'Set "Do not allow reuse of history passwords" to 5 or more (SetPasswordPolicy PasswordReusePrevention).',
  field: 'passwordReusePrevention',
  params: { minHistory: { type: 'integer', default: 5, minimum: 1, maximum: 24, description: 'Number of previous passwords that cannot be reused.' } },
  violation: (p, params) =>
    p.passwordReusePrevention >= params.minHistory
      ? null
      : { expected: params.minHistory, why: p.passwordReusePrevention === 0 ? 'Password reuse is allowed' : `Only the last ${p.passwordReusePrevention} passwords are remembered` },
  fixed: (p, params) => ({ ...p, passwordReusePrevention: params.minHistory }),
});
