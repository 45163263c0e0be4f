import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import type { JsonObject } from '../../model/check-result.definition';
import type { ApiCall } from '../../model/fix-plan.definition';
import { ingressExposure, ruleEvidence, type RuleRef } from '../../network/ingress-exposure.analyzer';
import { standardRef } from '../standard-ref.factory';
import { securityGroupExposure } from './security-group-exposure.memo';
import { permissionOf } from './security-group-port-fix.planner';

export const ecsSgOpenAllPorts = defineCheck({
  id: 'ecs-sg-open-all-ports',
  title: 'Security group does not admit the internet on all ports',
  description:
    'Fails when an ingress Accept rule from 0.0.0.0/0 or ::/0 spanning every port (protocol ALL, PortRange -1/-1 or 1/65535) is ' +
    'in force for at least one port, i.e. not entirely shadowed by higher- or equal-priority Drop rules.',
  rationale: 'An allow-all rule removes the security group as a control: every service listening on the host, including ones started later, faces the internet.',
  severity: 'HIGH',
  product: 'ECS',
  kind: 'securityGroup',
  free: true,
  standards: [standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.3.2b'), standardRef.mlps('8.1.4.4b')],
  remediation: 'Replace the allow-all rule with rules for the ports the workload serves (e.g. 80/443), or restrict its source to known networks.',
  apis: ['Ecs:DescribeSecurityGroups', 'Ecs:DescribeSecurityGroupAttribute'],
  reads: ['rules'],
  evaluate(asset, ctx) {
    const exposure = securityGroupExposure(ctx, asset);
    const offending = new Map<number, RuleRef>();
    for (const seg of exposure.segments) if (ingressExposure.isFullRange(seg.accept)) offending.set(seg.accept.index, seg.accept);
    if (offending.size === 0) return verdict.pass('No allow-all rule from the internet is in force');
    const rules: JsonObject[] = [...offending.values()].map(ruleEvidence);
    return verdict.fail(`Rule #${String(rules[0].ruleIndex)} admits ${String(rules[0].sourceCidrIp ?? rules[0].ipv6SourceCidrIp)} on every port`, { rules });
  },
  fix: {
    description: 'Revokes the allow-all rules; optionally re-authorizes only the listed TCP ports from the same source.',
    writeActions: ['Ecs:RevokeSecurityGroup', 'Ecs:AuthorizeSecurityGroup'],
    rollbackActions: ['Ecs:RevokeSecurityGroup', 'Ecs:AuthorizeSecurityGroup'],
    captureActions: ['Ecs:DescribeSecurityGroupAttribute'],
    params: {
      keepTcpPorts: {
        type: 'integer-list', default: [], minimum: 1, maximum: 65535,
        description: 'TCP ports to keep open from the same source after the allow-all rule is revoked (e.g. [80, 443]).',
      },
    },
    plan(asset, ctx, _params, fixParams) {
      const cfg = asset.configuration;
      const exposure = securityGroupExposure(ctx, asset);
      const offending = new Map<number, RuleRef>();
      for (const seg of exposure.segments) if (ingressExposure.isFullRange(seg.accept)) offending.set(seg.accept.index, seg.accept);
      const base = { RegionId: asset.region, SecurityGroupId: cfg.securityGroupId };
      const call = (action: string, permission: JsonObject): ApiCall => ({ product: 'Ecs', action, region: asset.region, params: { ...base, Permissions: [permission] } });
      const revoked = [...offending.values()].map((r) => permissionOf(r.rule));
      const kept = [...offending.values()].flatMap((r) =>
        fixParams.keepTcpPorts.map((port) => ({
          ...permissionOf(r.rule), IpProtocol: 'TCP', PortRange: `${port}/${port}`, Description: 'rampart: kept from an allow-all rule',
        })),
      );
      return {
        ok: true,
        plan: {
          summary: `Revoke ${revoked.length} allow-all rule(s) on ${cfg.securityGroupId}, keep ${fixParams.keepTcpPorts.length} port(s)`,
          capture: [{ call: { product: 'Ecs', action: 'DescribeSecurityGroupAttribute', region: asset.region, params: { ...base, Direction: 'ingress' } }, fields: ['rules'] }],
          priorState: { rules: [...offending.values()].map((r) => permissionOf(r.rule)) },
          writes: [...kept.map((p) => call('AuthorizeSecurityGroup', p)), ...revoked.map((p) => call('RevokeSecurityGroup', p))],
          rollback: [...kept.map((p) => call('RevokeSecurityGroup', p)), ...revoked.map((p) => call('AuthorizeSecurityGroup', p))],
        },
      };
    },
  },
});
