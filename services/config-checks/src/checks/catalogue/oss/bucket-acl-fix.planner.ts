import type { FixDraftOutcome } from '../../engine/define-check.factory';
import type { AssetOf } from '../../model/evaluation-context.definition';
import type { ApiCall } from '../../model/fix-plan.definition';

/**
 * Makes a bucket private: PutBucketAcl private when the ACL is public, and Block Public Access when a bucket policy is
 * what makes it public (BPA neutralises public ACLs and policies without deleting the customer's policy).
 */
export function planBucketPrivate(bucket: AssetOf<'bucket'>, aclPublic: boolean, policyPublic: boolean, blockPolicy: boolean): FixDraftOutcome {
  const cfg = bucket.configuration;
  const region = bucket.region;
  const writes: ApiCall[] = [];
  const rollback: ApiCall[] = [];
  if (aclPublic) {
    writes.push({ product: 'Oss', action: 'PutBucketAcl', region, params: { bucket: cfg.bucketName, acl: 'private' } });
    rollback.push({ product: 'Oss', action: 'PutBucketAcl', region, params: { bucket: cfg.bucketName, acl: cfg.acl } });
  }
  if (policyPublic) {
    if (!blockPolicy) return { ok: false, reason: 'the bucket policy grants anonymous access; enable blockPublicAccessForPolicy or edit the policy' };
    writes.push({ product: 'Oss', action: 'PutBucketPublicAccessBlock', region, params: { bucket: cfg.bucketName, blockPublicAccess: true } });
    rollback.push({ product: 'Oss', action: 'PutBucketPublicAccessBlock', region, params: { bucket: cfg.bucketName, blockPublicAccess: cfg.blockPublicAccess ?? false } });
  }
  if (writes.length === 0) return { ok: false, reason: 'bucket is not public' };
  return {
    ok: true,
    plan: {
      summary: `Make bucket ${cfg.bucketName} private`,
      capture: [
        { call: { product: 'Oss', action: 'GetBucketAcl', region, params: { bucket: cfg.bucketName } }, fields: ['acl'] },
        { call: { product: 'Oss', action: 'GetBucketPublicAccessBlock', region, params: { bucket: cfg.bucketName } }, fields: ['blockPublicAccess'] },
      ],
      priorState: { acl: cfg.acl, blockPublicAccess: cfg.blockPublicAccess },
      writes,
      rollback,
    },
  };
}
