import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import type { JsonValue } from '../../model/check-result.definition';
import { policyDocument } from '../../policy/policy-document.inspector';
import { standardRef } from '../standard-ref.factory';

export const ramRoleTrustAnyAccount = defineCheck({
  id: 'ram-role-trust-any-account',
  title: 'RAM role cannot be assumed by any Alibaba Cloud account',
  description:
    'Fails when the trust policy has an Allow statement for principal "*" or "acs:ram::*:root" (any account) without a Condition such as sts:ExternalId.',
  rationale: 'A role trusting every account can be assumed by anyone who learns its ARN.',
  severity: 'HIGH',
  product: 'RAM',
  kind: 'ramRole',
  free: true,
  standards: [standardRef.mlps('8.1.4.2d')],
  remediation: 'Name the trusted account(s) explicitly in the trust policy, or add a Condition (sts:ExternalId, acs:SourceIp) (UpdateRole NewAssumeRolePolicyDocument).',
  apis: ['Ram:ListRoles', 'Ram:GetRole'],
  reads: ['trustPolicy'],
  evaluate(asset) {
    const doc = asset.configuration.trustPolicy;
    if (doc === null) return verdict.error('Trust policy was not reported', { field: 'trustPolicy', value: null });
    for (const s of policyDocument.statements(doc)) {
      if (s.Effect !== 'Allow' || !policyDocument.isAnyPrincipal(s.Principal)) continue;
      if (policyDocument.hasCondition(s)) continue;
      const principal: JsonValue = s.Principal === undefined ? null : typeof s.Principal === 'string' ? s.Principal : { ...s.Principal };
      return verdict.fail('Trust policy lets any account assume the role without a condition', { field: 'trustPolicy.Statement', principal });
    }
    return verdict.pass('Trust policy names its principals or constrains them with a condition');
  },
});
