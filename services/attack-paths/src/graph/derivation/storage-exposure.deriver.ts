import type { Asset, BucketConfiguration, PolicyStatement, RamRoleConfiguration, RamUserConfiguration } from '@rampart/asset-model';
import { INTERNET_NODE_ID, type EdgeKind, type Evidence } from '../security-graph.model';
import { describeStatement, evaluate, type HeldStatement } from '../policy/policy.evaluator';
import { configOf, unknownEvidence } from './asset.index';
import type { DerivationContext } from './derivation.context';

const ACCESS: Array<{ kind: EdgeKind; action: string; verb: string }> = [
  { kind: 'CAN_READ', action: 'oss:GetObject', verb: 'read' },
  { kind: 'CAN_WRITE', action: 'oss:PutObject', verb: 'write' },
];

const principalsOf = (statement: PolicyStatement): string[] => {
  const p = statement.Principal;
  if (p === undefined) return [];
  if (typeof p === 'string') return [p];
  return Object.values(p).flatMap((v) => (Array.isArray(v) ? v : [v]));
};

/**
 * OSS exposure: a public-read(-write) ACL or a bucket policy granting the anonymous `*` gives the internet
 * CAN_READ/CAN_WRITE; a bucket policy naming a RAM user or role by UID gives that principal the same.
 * Block Public Access turns the public part off; a Deny in the bucket policy wins over ACL and Allow.
 */
export function deriveStorageExposure(ctx: DerivationContext): void {
  const principalByUid = new Map<string, Asset>();
  for (const user of ctx.index.of('RamUser')) principalByUid.set(configOf<RamUserConfiguration>(user).userId, user);
  for (const role of ctx.index.of('RamRole')) principalByUid.set(configOf<RamRoleConfiguration>(role).roleId, role);

  for (const bucket of ctx.index.of('OssBucket')) {
    const config = configOf<BucketConfiguration>(bucket);
    const prefix = `acs:oss:*:${bucket.accountId}:${config.bucketName}/`;
    const statements: Array<HeldStatement & { principals: string[] }> = (config.policy?.Statement ?? []).map((statement, i) => ({
      statement, principals: principalsOf(statement), via: [],
      evidence: { assetId: bucket.id, field: `policy.Statement[${i}]`, value: `${describeStatement(statement)} for ${JSON.stringify(statement.Principal ?? null)}` },
    }));
    const aclGap = unknownEvidence(bucket, 'acl');
    const policyGap = unknownEvidence(bucket, 'policy');
    const blocked = config.blockPublicAccess === true;
    for (const access of ACCESS) {
      if (!blocked) {
        const anonymous = statements.filter((s) => s.principals.includes('*'));
        const decision = evaluate(anonymous, access.action, { prefix });
        const aclGrants = config.acl === 'public-read-write' || (access.kind === 'CAN_READ' && config.acl === 'public-read');
        const evidence: Evidence[] = [];
        if (aclGrants && !decision.deniedBy) evidence.push({ assetId: bucket.id, field: 'acl', value: config.acl });
        evidence.push(...decision.grants.map((g) => g.evidence));
        const gaps = [aclGap, policyGap].filter((g): g is Evidence => g !== null);
        if (evidence.length > 0 || gaps.length > 0) {
          ctx.emit.edge({
            kind: access.kind, from: INTERNET_NODE_ID, to: bucket.id, weight: 1, unknown: evidence.length === 0,
            reason: evidence.length > 0
              ? `Anyone on the internet can ${access.verb} objects of bucket ${config.bucketName} (${aclGrants && !decision.deniedBy ? `ACL ${config.acl}` : 'bucket policy grants the anonymous principal *'}).`
              : `Whether anonymous users can ${access.verb} bucket ${config.bucketName} is unknown: its ACL or policy could not be read.`,
            evidence: evidence.length > 0 ? evidence : gaps,
          });
        }
      }
      const uids = new Set(statements.flatMap((s) => s.principals).filter((uid) => uid !== '*'));
      for (const uid of uids) {
        const principal = principalByUid.get(uid);
        if (!principal || principal.accountId !== bucket.accountId) continue;
        const named = statements.filter((s) => s.principals.includes(uid) || s.principals.includes('*') && s.statement.Effect === 'Deny');
        if (!named.some((s) => s.principals.includes(uid) && s.statement.Effect === 'Allow')) continue;
        const decision = evaluate(named, access.action, { prefix });
        if (!decision.allowed) continue;
        ctx.emit.edge({
          kind: access.kind, from: principal.id, to: bucket.id, weight: 1,
          reason: `The policy of bucket ${config.bucketName} lets ${principal.name} ${access.verb} its objects.`,
          evidence: decision.grants.map((g) => g.evidence),
        });
      }
    }
  }
}
