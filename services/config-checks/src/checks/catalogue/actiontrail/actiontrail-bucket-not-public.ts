import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { planBucketPrivate } from '../oss/bucket-acl-fix.planner';
import { bucketExposure } from '../oss/bucket-exposure.inspector';
import { standardRef } from '../standard-ref.factory';
import { trailBuckets } from './trail-context.lookup';

export const actiontrailBucketNotPublic = defineCheck({
  id: 'actiontrail-bucket-not-public',
  title: 'The OSS bucket storing ActionTrail logs is not publicly accessible',
  description:
    'For buckets that a trail delivers to: fails when the ACL is public or the bucket policy grants anonymous access (unless Block Public ' +
    'Access is on). Other buckets are not applicable.',
  rationale: 'Audit logs reveal the whole account layout and user names; public logs are also open to tampering when writable.',
  severity: 'HIGH',
  product: 'ACTIONTRAIL',
  kind: 'bucket',
  free: true,
  standards: [standardRef.cis('2.2'), standardRef.mlps('8.1.4.3c')],
  remediation: 'Set the log bucket ACL to private, remove anonymous policy statements and enable Block Public Access.',
  apis: ['Actiontrail:DescribeTrails', 'Oss:GetBucketAcl', 'Oss:GetBucketPolicy'],
  accountApis: ['Actiontrail:DescribeTrails'],
  reads: ['acl', 'policy', 'blockPublicAccess'],
  notApplicable: (asset, ctx) => (trailBuckets(ctx, asset.accountId).has(asset.configuration.bucketName) ? null : 'no trail delivers to this bucket'),
  evaluate(asset, ctx) {
    const cfg = asset.configuration;
    const trails = trailBuckets(ctx, asset.accountId).get(cfg.bucketName) ?? [];
    const exposure = bucketExposure.publicRead(cfg);
    if ((!exposure.acl && exposure.statements.length === 0) || cfg.blockPublicAccess === true) {
      return verdict.pass(`Log bucket of ${trails.join(', ')} is private`);
    }
    return verdict.fail(`Log bucket of trail ${trails[0]} is public (${exposure.acl ? `ACL ${cfg.acl}` : 'bucket policy'})`, {
      field: exposure.acl ? 'acl' : 'policy', trails: [...trails], acl: cfg.acl, publicStatements: exposure.statements,
    });
  },
  fix: {
    description: 'PutBucketAcl private when the ACL is public; PutBucketPublicAccessBlock when a bucket policy grants anonymous access.',
    writeActions: ['Oss:PutBucketAcl', 'Oss:PutBucketPublicAccessBlock'],
    rollbackActions: ['Oss:PutBucketAcl', 'Oss:PutBucketPublicAccessBlock'],
    captureActions: ['Oss:GetBucketAcl', 'Oss:GetBucketPublicAccessBlock'],
    plan(asset) {
      const exposure = bucketExposure.publicRead(asset.configuration);
      return planBucketPrivate(asset, exposure.acl, exposure.statements.length > 0, true);
    },
  },
});
