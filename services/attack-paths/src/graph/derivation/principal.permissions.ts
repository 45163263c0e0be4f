import type {
  Asset, AttachedPolicyRef, RamGroupConfiguration, RamPolicyConfiguration, RamRoleConfiguration, RamUserConfiguration,
} from '@rampart/asset-model';
import type { Evidence } from '../security-graph.model';
import { describeStatement, type HeldPermissions, type HeldStatement } from '../policy/policy.evaluator';
import { SYSTEM_POLICY_DOCUMENTS } from '../policy/system-policies.catalogue';
import { configOf, unknownEvidence, type AssetIndex } from './asset.index';

/** Resolves what each RAM user or role holds: attached policies, and for users those of their groups. */
export class PrincipalPermissions {
  private readonly policyStatements = new Map<string, { statements: Omit<HeldStatement, 'via'>[]; unknown: Evidence | null }>();
  private readonly cache = new Map<string, HeldPermissions>();

  constructor(private readonly index: AssetIndex) {}

  of(principal: Asset): HeldPermissions {
    let held = this.cache.get(principal.id);
    if (!held) {
      held = this.resolve(principal);
      this.cache.set(principal.id, held);
    }
    return held;
  }

  /** Groups (assets) the user belongs to, with the field that says so. */
  groupsOf(user: Asset): Array<{ group: Asset | undefined; name: string; evidence: Evidence }> {
    const config = configOf<RamUserConfiguration>(user);
    const byName = new Map<string, Evidence>();
    (config.groups ?? []).forEach((name, i) => byName.set(name, { assetId: user.id, field: `groups[${i}]`, value: name }));
    for (const rel of user.relationships) {
      if (rel.type !== 'MEMBER_OF') continue;
      const group = this.index.byId.get(rel.targetId);
      const name = group ? configOf<RamGroupConfiguration>(group).groupName : rel.targetId;
      if (!byName.has(name)) byName.set(name, { assetId: user.id, field: 'relationships.MEMBER_OF', value: rel.targetId });
    }
    return [...byName].map(([name, evidence]) => ({
      group: this.index.named('RamGroup', user.accountId, name) ?? this.index.byId.get(evidence.value), name, evidence,
    }));
  }

  private resolve(principal: Asset): HeldPermissions {
    const held: HeldPermissions = { statements: [], unknown: [] };
    const attachedGap = unknownEvidence(principal, 'attachedPolicies');
    if (attachedGap) held.unknown.push(attachedGap);
    const own = configOf<RamUserConfiguration | RamRoleConfiguration>(principal).attachedPolicies ?? [];
    own.forEach((ref, i) => this.add(held, principal, ref, [{ assetId: principal.id, field: `attachedPolicies[${i}]`, value: ref.policyName }]));
    if (principal.resourceType === 'ALIYUN::RAM::User') {
      const groupsGap = unknownEvidence(principal, 'groups');
      if (groupsGap) held.unknown.push(groupsGap);
      for (const { group, name, evidence } of this.groupsOf(principal)) {
        if (!group) {
          held.unknown.push({ ...evidence, value: `${name} (group not in the inventory: its policies are unknown)` });
          continue;
        }
        const gap = unknownEvidence(group, 'attachedPolicies');
        if (gap) held.unknown.push(gap);
        (configOf<RamGroupConfiguration>(group).attachedPolicies ?? []).forEach((ref, i) =>
          this.add(held, group, ref, [evidence, { assetId: group.id, field: `attachedPolicies[${i}]`, value: ref.policyName }]));
      }
    }
    return held;
  }

  private add(held: HeldPermissions, holder: Asset, ref: AttachedPolicyRef, via: Evidence[]): void {
    const policy = this.policy(holder, ref);
    if (policy.unknown) held.unknown.push(policy.unknown);
    for (const statement of policy.statements) held.statements.push({ ...statement, via });
  }

  private policy(holder: Asset, ref: AttachedPolicyRef): { statements: Omit<HeldStatement, 'via'>[]; unknown: Evidence | null } {
    const asset = this.index.byId.get(ref.policyId)
      ?? this.index.named('RamPolicy', holder.accountId, ref.policyName);
    const key = asset?.id ?? `${ref.policyType}:${ref.policyName}`;
    let resolved = this.policyStatements.get(key);
    if (resolved) return resolved;
    const config = asset ? configOf<RamPolicyConfiguration>(asset) : null;
    const gap = asset ? unknownEvidence(asset, 'document') : null;
    const document = config?.document ?? (ref.policyType === 'System' ? SYSTEM_POLICY_DOCUMENTS[ref.policyName] : undefined) ?? null;
    const source = asset?.id ?? `system-policy:${ref.policyName}`;
    resolved = {
      statements: (document?.Statement ?? []).map((statement, i) => ({
        statement, evidence: { assetId: source, field: `document.Statement[${i}]`, value: describeStatement(statement) },
      })),
      unknown: gap ?? (document ? null : { assetId: asset?.id ?? holder.id, field: 'document', value: `unknown: document of ${ref.policyType} policy ${ref.policyName} was not collected` }),
    };
    this.policyStatements.set(key, resolved);
    return resolved;
  }
}
