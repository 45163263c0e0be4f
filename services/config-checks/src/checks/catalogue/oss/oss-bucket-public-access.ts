import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { planBucketPrivate } from './bucket-acl-fix.planner';
import { bucketExposure } from './bucket-exposure.inspector';

export const ossBucketPublicAccess = defineCheck({
  id: 'oss-bucket-public-access',
  title: 'OSS bucket is not anonymously or publicly accessible',
  description:
    'Fails when the bucket ACL is public-read or public-read-write, or the bucket policy allows "*" without a restricting condition ' +
    '(a condition on acs:SecureTransport or time alone does not restrict who), unless Block Public Access is on, which overrides both.',
  rationale: 'Public buckets are the most common cause of cloud data leaks.',
  severity: 'HIGH',
  product: 'OSS',
  kind: 'bucket',
  free: true,
  standards: [standardRef.cis('5.1'), standardRef.mlps('8.1.4.2a'), standardRef.mlps('8.1.4.8b')],
  remediation: 'Set the bucket ACL to private, remove anonymous statements from the bucket policy, and turn on Block Public Access; serve public content through a CDN with origin authentication.',
  apis: ['Oss:ListBuckets', 'Oss:GetBucketAcl', 'Oss:GetBucketPolicy', 'Oss:GetBucketPublicAccessBlock'],
  reads: ['acl', 'policy', 'blockPublicAccess'],
  evaluate(asset) {
    const cfg = asset.configuration;
    const exposure = bucketExposure.publicRead(cfg);
    if (!exposure.acl && exposure.statements.length === 0) return verdict.pass('ACL is private and no policy statement grants anonymous access');
    const evidence = { acl: cfg.acl, publicStatements: exposure.statements, blockPublicAccess: cfg.blockPublicAccess };
    if (cfg.blockPublicAccess === true) return verdict.pass('Block Public Access overrides the public ACL/policy', evidence);
    return verdict.fail(exposure.acl ? `Bucket ACL is ${cfg.acl}` : 'Bucket policy grants anonymous access', { field: exposure.acl ? 'acl' : 'policy', ...evidence });
  },
  fix: {
    description: 'PutBucketAcl private when the ACL is public; PutBucketPublicAccessBlock when a bucket policy grants anonymous access.',
    writeActions: ['Oss:PutBucketAcl', 'Oss:PutBucketPublicAccessBlock'],
    rollbackActions: ['Oss:PutBucketAcl', 'Oss:PutBucketPublicAccessBlock'],
    captureActions: ['Oss:GetBucketAcl', 'Oss:GetBucketPublicAccessBlock'],
    params: { blockPublicAccessForPolicy: { type: 'boolean', default: true, description: 'Turn on Block Public Access when the bucket policy is what makes the bucket public.' } },
    plan(asset, _ctx, _params, fixParams) {
      const exposure = bucketExposure.publicRead(asset.configuration);
      return planBucketPrivate(asset, exposure.acl, exposure.statements.length > 0, fixParams.blockPublicAccessForPolicy);
    },
  },
});
