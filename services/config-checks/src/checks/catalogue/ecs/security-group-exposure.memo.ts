import type { Asset } from '@rampart/asset-model';
import { findUnknown } from '../../engine/unknown-data.matcher';
import { verdict } from '../../engine/verdict.factory';
import type { Verdict } from '../../model/check-result.definition';
import type { AssetOf, EvaluationContext, MemoKey } from '../../model/evaluation-context.definition';
import { analyseIngressExposure, type IngressExposure, type RuleRef } from '../../network/ingress-exposure.analyzer';

const GROUP_EXPOSURE: MemoKey<IngressExposure> = { name: 'security-group-ingress-exposure' };
const GROUP_SET_EXPOSURE: MemoKey<GroupSetExposure> = { name: 'single-group-ingress-exposure' };
const MEMBER_EXPOSURE: MemoKey<GroupSetExposure> = { name: 'member-ingress-exposure' };
const CLOSED: IngressExposure = analyseIngressExposure([]);
const CLOSED_SET: GroupSetExposure = Object.freeze({ ok: true, exposure: CLOSED });

export type GroupSetExposure = { readonly ok: true; readonly exposure: IngressExposure } | { readonly ok: false; readonly verdict: Verdict };

function refsOf(group: AssetOf<'securityGroup'>): RuleRef[] {
  const id = group.configuration.securityGroupId;
  return group.configuration.rules.map((rule, index) => ({ rule, index, groupId: id }));
}

/** A cheap over-approximation of cidrMatcher.isWorld: anything it misses cannot be world-sourced. */
function maybeWorld(cidr: string | null): boolean {
  if (cidr === null) return false;
  if (cidr.includes('/0')) return true;
  const text = cidr.trim();
  return text === '0.0.0.0' || text === '::';
}

function hasWorldSource(group: AssetOf<'securityGroup'>): boolean {
  for (const r of group.configuration.rules) {
    if (String(r.direction).toLowerCase() === 'ingress' && (maybeWorld(r.sourceCidrIp) || maybeWorld(r.ipv6SourceCidrIp))) return true;
  }
  return false;
}

/**
 * Internet exposure of one security group, computed once per scan. Groups without any world-sourced rule (most of
 * them) are answered by a cheap scan instead of being cached, which keeps the per-scan cache small.
 */
export function securityGroupExposure(ctx: EvaluationContext, group: AssetOf<'securityGroup'>): IngressExposure {
  return ctx.memo(GROUP_EXPOSURE, group, () => (hasWorldSource(group) ? analyseIngressExposure(refsOf(group)) : CLOSED), isOpen);
}

function isOpen(exposure: IngressExposure): boolean {
  return exposure !== CLOSED;
}

/**
 * Internet exposure of a resource that sits in several security groups (ECS instance, ENI): Alibaba merges the rules
 * of all its groups and orders them by priority. A group missing from the inventory, or whose rules were not
 * collected, makes the answer unknown (ERROR), never "closed".
 */
export function memberExposure(ctx: EvaluationContext, member: Asset, accountId: string, groupIds: readonly string[]): GroupSetExposure {
  if (groupIds.length === 1) {
    // One group: reuse that group's answer, computed once per scan however many members share it.
    const group = ctx.byResourceId('securityGroup', accountId, groupIds[0]);
    if (group !== undefined && findUnknown(group, ['rules']) === null) {
      const exposure = securityGroupExposure(ctx, group);
      if (exposure === CLOSED) return CLOSED_SET;
      return ctx.memo(GROUP_SET_EXPOSURE, group, () => ({ ok: true, exposure }));
    }
  }
  return ctx.memo(MEMBER_EXPOSURE, member, () => {
    const refs: RuleRef[] = [];
    for (const id of groupIds) {
      const group = ctx.byResourceId('securityGroup', accountId, id);
      if (group === undefined) {
        return { ok: false, verdict: verdict.error(`security group ${id} is not in the inventory`, { missingSecurityGroupId: id }) };
      }
      const missing = findUnknown(group, ['rules']);
      if (missing !== null) return { ok: false, verdict: verdict.unknown(missing, group.id) };
      refs.push(...refsOf(group));
    }
    return { ok: true, exposure: analyseIngressExposure(refs) };
  });
}
