import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const ramUserDirectPolicy = defineCheck({
  id: 'ram-user-direct-policy',
  title: 'RAM policies are attached to groups or roles, not directly to users',
  description: 'Fails for a user with any directly attached policy.',
  rationale: 'Granting through groups keeps permissions reviewable and removes them when a person changes role.',
  severity: 'LOW',
  product: 'RAM',
  kind: 'ramUser',
  free: true,
  standards: [standardRef.cis('1.16'), standardRef.mlps('8.1.4.2a')],
  remediation: 'Put the user in a group that carries the policy, then detach the policy from the user (DetachPolicyFromUser).',
  apis: ['Ram:ListUsers', 'Ram:ListPoliciesForUser'],
  reads: ['attachedPolicies'],
  evaluate(asset) {
    const attached = asset.configuration.attachedPolicies;
    return attached.length === 0
      ? verdict.pass('No policy is attached directly')
      : verdict.fail(`${attached.length} policy(ies) attached directly, e.g. ${attached[0].policyName}`, {
          field: 'attachedPolicies', policies: attached.map((p) => ({ policyName: p.policyName, policyType: p.policyType })),
        });
  },
});
