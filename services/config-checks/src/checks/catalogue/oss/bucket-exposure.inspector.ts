import type { BucketConfiguration, PolicyStatement } from '@rampart/asset-model';
import type { JsonObject } from '../../model/check-result.definition';
import { toJsonObject } from '../../engine/json-value.converter';
import { policyDocument } from '../../policy/policy-document.inspector';

const WRITE_ACTIONS = ['oss:PutObject', 'oss:DeleteObject', 'oss:PutObjectAcl', 'oss:PostObject'];
const READ_ACTIONS = ['oss:GetObject', 'oss:ListObjects'];

function anonymousStatements(cfg: BucketConfiguration, actions: readonly string[]): PolicyStatement[] {
  return policyDocument
    .statements(cfg.policy)
    .filter((s) => s.Effect === 'Allow' && policyDocument.isAnyPrincipal(s.Principal) && !policyDocument.hasRestrictingCondition(s)
      && actions.some((a) => policyDocument.statementAllows(s, a)));
}

/** What makes a bucket public: its ACL and bucket-policy statements granting anonymous access. */
export const bucketExposure = {
  publicRead(cfg: BucketConfiguration): { acl: boolean; statements: JsonObject[] } {
    return {
      acl: cfg.acl === 'public-read' || cfg.acl === 'public-read-write',
      statements: anonymousStatements(cfg, [...READ_ACTIONS, ...WRITE_ACTIONS]).map((s) => toJsonObject(s)),
    };
  },
  publicWrite(cfg: BucketConfiguration): { acl: boolean; statements: JsonObject[] } {
    return { acl: cfg.acl === 'public-read-write', statements: anonymousStatements(cfg, WRITE_ACTIONS).map((s) => toJsonObject(s)) };
  },
};
