import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { planBucketPrivate } from './bucket-acl-fix.planner';
import { bucketExposure } from './bucket-exposure.inspector';

export const ossBucketPublicWrite = defineCheck({
  id: 'oss-bucket-public-write',
  title: 'OSS bucket is not writable by anonymous users',
  description: 'Fails when the ACL is public-read-write or the bucket policy lets "*" put or delete objects without a restricting condition, unless Block Public Access is on.',
  rationale: 'Anonymous write turns a bucket into free malware hosting, lets attackers replace served content and runs up traffic bills.',
  severity: 'HIGH',
  product: 'OSS',
  kind: 'bucket',
  free: true,
  standards: [standardRef.mlps('8.1.4.2a'), standardRef.mlps('8.1.4.7b')],
  remediation: 'Set the ACL to private (or public-read if truly needed) and remove anonymous write statements; upload through signed URLs or STS.',
  apis: ['Oss:GetBucketAcl', 'Oss:GetBucketPolicy', 'Oss:GetBucketPublicAccessBlock'],
  reads: ['acl', 'policy', 'blockPublicAccess'],
  evaluate(asset) {
    const cfg = asset.configuration;
    const exposure = bucketExposure.publicWrite(cfg);
    if (!exposure.acl && exposure.statements.length === 0) return verdict.pass('No anonymous write access');
    const evidence = { acl: cfg.acl, publicWriteStatements: exposure.statements, blockPublicAccess: cfg.blockPublicAccess };
    if (cfg.blockPublicAccess === true) return verdict.pass('Block Public Access overrides the anonymous write grant', evidence);
    return verdict.fail(exposure.acl ? 'Bucket ACL is public-read-write' : 'Bucket policy lets anyone write objects', { field: exposure.acl ? 'acl' : 'policy', ...evidence });
  },
  fix: {
    description: 'PutBucketAcl private when the ACL is public-read-write; PutBucketPublicAccessBlock when a bucket policy grants anonymous write.',
    writeActions: ['Oss:PutBucketAcl', 'Oss:PutBucketPublicAccessBlock'],
    rollbackActions: ['Oss:PutBucketAcl', 'Oss:PutBucketPublicAccessBlock'],
    captureActions: ['Oss:GetBucketAcl', 'Oss:GetBucketPublicAccessBlock'],
    params: { blockPublicAccessForPolicy: { type: 'boolean', default: true, description: 'Turn on Block Public Access when the bucket policy grants anonymous write.' } },
    plan(asset, _ctx, _params, fixParams) {
      const exposure = bucketExposure.publicWrite(asset.configuration);
      return planBucketPrivate(asset, exposure.acl, exposure.statements.length > 0, fixParams.blockPublicAccessForPolicy);
    },
  },
});
