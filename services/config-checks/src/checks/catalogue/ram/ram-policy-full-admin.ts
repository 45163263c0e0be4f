import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import type { JsonValue } from '../../model/check-result.definition';
import { policyDocument } from '../../policy/policy-document.inspector';
import { standardRef } from '../standard-ref.factory';

function toJson(value: string | string[] | undefined): JsonValue {
  return value === undefined ? null : value;
}

export const ramPolicyFullAdmin = defineCheck({
  id: 'ram-policy-full-admin',
  title: 'No custom RAM policy grants full "*:*" administrative privileges',
  description:
    'Fails for a custom policy whose default version has an Allow statement with Action "*" or "*:*" (string or list, or an empty NotAction) ' +
    'on Resource "*". System policies are not applicable. Set allowUnattached to accept such a policy while it is attached to nothing.',
  rationale: 'Full-admin custom policies spread silently; least privilege means granting the specific services and actions a job needs.',
  severity: 'HIGH',
  product: 'RAM',
  kind: 'ramPolicy',
  free: true,
  standards: [standardRef.cis('1.15'), standardRef.mlps('8.1.4.2d')],
  remediation: 'Replace the statement with specific actions and resources (new policy version), or detach and delete the policy; use AdministratorAccess knowingly for break-glass roles only.',
  apis: ['Ram:ListPolicies', 'Ram:GetPolicyVersion'],
  reads: ['document', 'attachmentCount'],
  applicabilityReads: ['policyType'],
  params: { allowUnattached: { type: 'boolean', default: false, description: 'Pass a full-admin policy that is attached to nothing.' } },
  notApplicable: (asset) => (asset.configuration.policyType === 'System' ? 'system policy' : null),
  evaluate(asset, _ctx, params) {
    const { document, attachmentCount, policyName } = asset.configuration;
    if (document === null) return verdict.error('Policy document was not reported', { field: 'document', value: null });
    const statement = policyDocument.fullAdminStatement(document);
    if (statement === null) return verdict.pass('No statement allows *:* on *');
    if (params.allowUnattached && attachmentCount === 0) return verdict.pass(`${policyName} allows *:* but is attached to nothing`, { attachmentCount });
    return verdict.fail(`${policyName} allows every action on every resource`, {
      field: 'document.Statement',
      statement: { Effect: statement.Effect, Action: toJson(statement.Action), NotAction: toJson(statement.NotAction), Resource: toJson(statement.Resource) },
      attachmentCount,
    });
  },
});
