import type { PolicyStatement } from '@rampart/asset-model';
import { defineCheck } from '../../engine/define-check.factory';
import { toJsonObject } from '../../engine/json-value.converter';
import { verdict } from '../../engine/verdict.factory';
import type { ApiCall } from '../../model/fix-plan.definition';
import { policyDocument } from '../../policy/policy-document.inspector';
import { standardRef } from '../standard-ref.factory';

function deniesInsecureTransport(s: PolicyStatement): boolean {
  if (s.Effect !== 'Deny' || !policyDocument.isAnyPrincipal(s.Principal) || s.Condition === undefined) return false;
  return Object.entries(s.Condition).some(([operator, block]) =>
    /^bool$/i.test(operator) && Object.entries(block).some(([key, value]) =>
      key.toLowerCase() === 'acs:securetransport' && [value].flat().some((v) => String(v).toLowerCase() === 'false')));
}

export const ossBucketSecureTransport = defineCheck({
  id: 'oss-bucket-secure-transport',
  title: 'OSS bucket requires HTTPS ("Secure transfer required")',
  description: 'Passes when the bucket policy has a Deny statement for principal "*" with Condition Bool acs:SecureTransport = false.',
  rationale: 'Without the deny, clients can fetch and upload objects over plain HTTP, exposing data and signed URLs in transit.',
  severity: 'MEDIUM',
  product: 'OSS',
  kind: 'bucket',
  free: false,
  standards: [standardRef.cis('5.4'), standardRef.mlps('8.1.4.8a'), standardRef.mlps('8.1.2.2b')],
  remediation: 'Add a bucket policy statement denying oss:* to "*" when acs:SecureTransport is false.',
  apis: ['Oss:GetBucketPolicy'],
  reads: ['policy'],
  evaluate(asset) {
    const statement = policyDocument.statements(asset.configuration.policy).find(deniesInsecureTransport);
    return statement !== undefined
      ? verdict.pass('Bucket policy denies non-HTTPS requests', { statement: toJsonObject(statement) })
      : verdict.fail('No bucket policy statement denies requests over HTTP', { field: 'policy', hasPolicy: asset.configuration.policy !== null });
  },
  fix: {
    description: 'Appends the deny-HTTP statement to the bucket policy (PutBucketPolicy); the rollback restores the prior policy or deletes it when there was none.',
    writeActions: ['Oss:PutBucketPolicy'],
    rollbackActions: ['Oss:PutBucketPolicy', 'Oss:DeleteBucketPolicy'],
    captureActions: ['Oss:GetBucketPolicy'],
    plan(asset) {
      const cfg = asset.configuration;
      const bucket = cfg.bucketName;
      const region = asset.region;
      const deny: PolicyStatement = {
        Effect: 'Deny',
        Principal: { RAM: ['*'] },
        Action: ['oss:*'],
        Resource: [`acs:oss:*:${asset.accountId}:${bucket}`, `acs:oss:*:${asset.accountId}:${bucket}/*`],
        Condition: { Bool: { 'acs:SecureTransport': ['false'] } },
      };
      const prior = cfg.policy;
      const next = { Version: prior?.Version ?? '1', Statement: [...policyDocument.statements(prior), deny] };
      const undo: ApiCall = prior === null
        ? { product: 'Oss', action: 'DeleteBucketPolicy', region, params: { bucket } }
        : { product: 'Oss', action: 'PutBucketPolicy', region, params: { bucket, policy: toJsonObject(prior) } };
      return {
        ok: true,
        plan: {
          summary: `Deny non-HTTPS access to ${bucket}`,
          capture: [{ call: { product: 'Oss', action: 'GetBucketPolicy', region, params: { bucket } }, fields: ['policy'] }],
          priorState: { policy: prior === null ? null : toJsonObject(prior) },
          writes: [{ product: 'Oss', action: 'PutBucketPolicy', region, params: { bucket, policy: toJsonObject(next) } }],
          rollback: [undo],
        },
      };
    },
  },
});
