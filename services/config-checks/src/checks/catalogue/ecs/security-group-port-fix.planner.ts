import type { SecurityGroupRule } from '@rampart/asset-model';
import type { FixDraftOutcome, FixSpec } from '../../engine/define-check.factory';
import type { ParamsOf } from '../../model/check-params.definition';
import type { JsonObject } from '../../model/check-result.definition';
import type { AssetOf } from '../../model/evaluation-context.definition';
import type { ApiCall } from '../../model/fix-plan.definition';
import { analyseIngressExposure, ingressExposure, type RuleRef, type TransportProtocol } from '../../network/ingress-exposure.analyzer';

export const PORT_FIX_PARAMS = {
  dropPriority: {
    type: 'integer', default: 1, minimum: 1, maximum: 100,
    description: 'Priority of the Drop rules added where an Accept rule is wider than the ports to close (1 = highest).',
  },
} as const;
export const PORT_CHECK_PARAMS_SHAPE = {
  tcpPorts: { type: 'integer-list', default: [], minimum: 1, maximum: 65535, description: 'TCP ports that must not face the internet.' },
  udpPorts: { type: 'integer-list', default: [], minimum: 1, maximum: 65535, description: 'UDP ports that must not face the internet.' },
} as const;
type PortParams = ParamsOf<typeof PORT_CHECK_PARAMS_SHAPE>;
type FixParams = ParamsOf<typeof PORT_FIX_PARAMS>;

interface Target {
  readonly protocol: TransportProtocol;
  readonly port: number;
}

/** The rule as an ECS `Permissions.N` entry (AuthorizeSecurityGroup / RevokeSecurityGroup). */
export function permissionOf(rule: SecurityGroupRule): JsonObject {
  return {
    Policy: rule.policy,
    Priority: String(rule.priority),
    IpProtocol: String(rule.protocol).toUpperCase(),
    PortRange: rule.portRange,
    ...(rule.sourceCidrIp !== null ? { SourceCidrIp: rule.sourceCidrIp } : {}),
    ...(rule.ipv6SourceCidrIp !== null ? { Ipv6SourceCidrIp: rule.ipv6SourceCidrIp } : {}),
    ...(rule.sourceGroupId !== null ? { SourceGroupId: rule.sourceGroupId } : {}),
    ...(rule.sourcePrefixListId !== null ? { SourcePrefixListId: rule.sourcePrefixListId } : {}),
    ...(rule.destCidrIp !== null ? { DestCidrIp: rule.destCidrIp } : {}),
    ...(rule.nicType !== null ? { NicType: rule.nicType } : {}),
    ...(rule.description !== null ? { Description: rule.description } : {}),
  };
}

function ruleState(rule: SecurityGroupRule): JsonObject {
  return { ...permissionOf(rule), direction: rule.direction };
}

function targetsOf(params: PortParams): Target[] {
  return [
    ...params.tcpPorts.map((port) => ({ protocol: 'tcp' as const, port })),
    ...params.udpPorts.map((port) => ({ protocol: 'udp' as const, port })),
  ];
}

/**
 * Closes the listed ports to the internet with the least collateral change: an Accept rule that covers only ports
 * being closed is revoked; a wider one (e.g. 1/65535) stays and a Drop rule for the exact port is added in front of it
 * (Drop wins at equal priority). The result is re-analysed so the plan is known to close every port before it runs.
 */
export function planSecurityGroupPortFix(
  group: AssetOf<'securityGroup'>,
  params: PortParams,
  fixParams: FixParams,
): FixDraftOutcome {
  const cfg = group.configuration;
  const refs: RuleRef[] = cfg.rules.map((rule, index) => ({ rule, index, groupId: cfg.securityGroupId }));
  const exposure = analyseIngressExposure(refs);
  const targets = targetsOf(params);
  const closing = { tcp: new Set(params.tcpPorts), udp: new Set(params.udpPorts) };

  const revoked = new Set<number>();
  for (const t of targets) {
    const seg = ingressExposure.find(exposure, t.protocol, t.port);
    if (seg === null) continue;
    const rule = seg.accept.rule;
    const protocol = String(rule.protocol).toLowerCase();
    if (protocol !== t.protocol || rule.portFrom < 1) continue;
    let onlyClosingPorts = rule.portTo - rule.portFrom < 1024;
    for (let p = rule.portFrom; onlyClosingPorts && p <= rule.portTo; p++) onlyClosingPorts = closing[t.protocol].has(p);
    if (onlyClosingPorts) revoked.add(seg.accept.index);
  }

  const remaining = refs.filter((r) => !revoked.has(r.index));
  const afterRevoke = analyseIngressExposure(remaining);
  const drops: SecurityGroupRule[] = [];
  for (const t of targets) {
    for (const family of ['ipv4', 'ipv6'] as const) {
      const still = afterRevoke.segments.some((s) => s.family === family && s.protocol === t.protocol && t.port >= s.from && t.port <= s.to);
      if (!still) continue;
      drops.push({
        direction: 'ingress', policy: 'drop', protocol: t.protocol, portFrom: t.port, portTo: t.port, portRange: `${t.port}/${t.port}`,
        sourceCidrIp: family === 'ipv4' ? '0.0.0.0/0' : null, ipv6SourceCidrIp: family === 'ipv6' ? '::/0' : null,
        sourceGroupId: null, sourcePrefixListId: null, destCidrIp: null, priority: fixParams.dropPriority, nicType: 'intranet',
        description: 'rampart: closes a high-risk port to the internet',
      });
    }
  }
  if (revoked.size === 0 && drops.length === 0) return { ok: false, reason: 'no listed port is open to the internet' };

  const finalRefs = [...remaining, ...drops.map((rule, i) => ({ rule, index: cfg.rules.length + i, groupId: cfg.securityGroupId }))];
  const finalExposure = analyseIngressExposure(finalRefs);
  const leftOpen = targets.find((t) => ingressExposure.find(finalExposure, t.protocol, t.port) !== null);
  if (leftOpen !== undefined) {
    return {
      ok: false,
      reason: `a Drop at priority ${fixParams.dropPriority} cannot close ${leftOpen.protocol}/${leftOpen.port}: an Accept rule has a higher priority; lower dropPriority`,
    };
  }

  const base = { RegionId: group.region, SecurityGroupId: cfg.securityGroupId };
  const call = (action: string, rule: SecurityGroupRule): ApiCall => ({
    product: 'Ecs', action, region: group.region, params: { ...base, Permissions: [permissionOf(rule)] },
  });
  const revokedRules = [...revoked].sort((a, b) => a - b).map((i) => cfg.rules[i]);
  return {
    ok: true,
    plan: {
      summary: `Revoke ${revokedRules.length} rule(s) and add ${drops.length} Drop rule(s) on ${cfg.securityGroupId}`,
      capture: [{
        call: { product: 'Ecs', action: 'DescribeSecurityGroupAttribute', region: group.region, params: { ...base, Direction: 'ingress' } },
        fields: ['rules'],
      }],
      priorState: { rules: cfg.rules.filter((r) => r.direction === 'ingress').map(ruleState) },
      writes: [...revokedRules.map((r) => call('RevokeSecurityGroup', r)), ...drops.map((r) => call('AuthorizeSecurityGroup', r))],
      rollback: [...revokedRules.map((r) => call('AuthorizeSecurityGroup', r)), ...drops.map((r) => call('RevokeSecurityGroup', r))],
    },
  };
}

export const securityGroupPortFix: FixSpec<'securityGroup', typeof PORT_CHECK_PARAMS_SHAPE, typeof PORT_FIX_PARAMS> = {
  description:
    'Revokes Accept rules from 0.0.0.0/0 or ::/0 that cover only the listed ports; where a rule is wider, adds a Drop rule for the exact port in front of it.',
  writeActions: ['Ecs:RevokeSecurityGroup', 'Ecs:AuthorizeSecurityGroup'],
  rollbackActions: ['Ecs:AuthorizeSecurityGroup', 'Ecs:RevokeSecurityGroup'],
  captureActions: ['Ecs:DescribeSecurityGroupAttribute'],
  params: PORT_FIX_PARAMS,
  plan: (asset, _ctx, params, fixParams) => planSecurityGroupPortFix(asset, params, fixParams),
};
