import type { CheckItem, Severity, StandardRef } from '../../model/check-item.definition';
import type { JsonObject } from '../../model/check-result.definition';
import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { ingressExposure, ruleEvidence, type ExposedSegment, type IngressExposure, type TransportProtocol } from '../../network/ingress-exposure.analyzer';
import type { HighRiskService } from '../../network/high-risk-port.catalogue';
import { securityGroupExposure } from './security-group-exposure.memo';
import { securityGroupPortFix } from './security-group-port-fix.planner';

export interface OpenPortCheckOptions {
  readonly id: string;
  readonly service: HighRiskService;
  readonly severity: Severity;
  readonly free: boolean;
  readonly standards: readonly StandardRef[];
  /** Why this service in particular must not face the internet. */
  readonly risk: string;
}

function hit(seg: ExposedSegment, protocol: TransportProtocol, port: number): JsonObject {
  return { port, protocol, family: seg.family, source: seg.family === 'ipv4' ? '0.0.0.0/0' : '::/0', reachableRange: `${seg.from}/${seg.to}`, rule: ruleEvidence(seg.accept) };
}

function portList(service: HighRiskService): string {
  const tcp = service.tcp.map((p) => `${p}/tcp`);
  const udp = service.udp.map((p) => `${p}/udp`);
  return [...tcp, ...udp].join(', ');
}

/** Hits for the listed ports, or null when none is exposed (allocates nothing on the common path). */
export function exposedPorts(exposure: IngressExposure, tcpPorts: readonly number[], udpPorts: readonly number[]): JsonObject[] | null {
  if (exposure.segments.length === 0) return null;
  let hits: JsonObject[] | null = null;
  for (const port of tcpPorts) {
    const seg = ingressExposure.find(exposure, 'tcp', port);
    if (seg !== null) (hits ??= []).push(hit(seg, 'tcp', port));
  }
  for (const port of udpPorts) {
    const seg = ingressExposure.find(exposure, 'udp', port);
    if (seg !== null) (hits ??= []).push(hit(seg, 'udp', port));
  }
  return hits;
}

/** "Security group exposes <service> to the internet": one item per high-risk service, same exposure logic. */
export function defineOpenPortCheck(o: OpenPortCheckOptions): CheckItem {
  const { service } = o;
  const closed = verdict.pass(`No ingress rule admits 0.0.0.0/0 or ::/0 to ${service.name}`);
  return defineCheck({
    id: o.id,
    title: `Security group does not expose ${service.name} (${portList(service)}) to the internet`,
    description:
      `Fails when an ingress Accept rule from 0.0.0.0/0 or ::/0 (protocol ${service.udp.length ? 'TCP/UDP' : 'TCP'} or ALL, port range ` +
      `covering the port, or -1/-1) is the effective rule for ${service.name}: a Drop rule from the whole internet at equal or ` +
      'higher priority (lower number) shadows it, as Alibaba evaluates rules by priority and lets Drop win ties.',
    rationale: o.risk,
    severity: o.severity,
    product: 'ECS',
    kind: 'securityGroup',
    free: o.free,
    standards: o.standards,
    remediation:
      `Remove the rule admitting 0.0.0.0/0 (or ::/0) to ${portList(service)}, or narrow its source to the addresses that need it ` +
      '(bastion, office, VPN); for a wide rule add a Drop rule for the port at a higher priority. Prefer a bastion host or ' +
      'Session Manager-style access over exposing the service.',
    apis: ['Ecs:DescribeSecurityGroups', 'Ecs:DescribeSecurityGroupAttribute'],
    reads: ['rules'],
    params: {
      tcpPorts: { type: 'integer-list', default: service.tcp, minimum: 1, maximum: 65535, description: `TCP ports of ${service.name}.` },
      udpPorts: { type: 'integer-list', default: service.udp, minimum: 1, maximum: 65535, description: `UDP ports of ${service.name}.` },
    },
    evaluate(asset, ctx, params) {
      const exposure = securityGroupExposure(ctx, asset);
      if (!exposure.anyWorldAccept) return closed;
      const hits = exposedPorts(exposure, params.tcpPorts, params.udpPorts);
      if (hits !== null) {
        const first = hits[0];
        const rule = first.rule as JsonObject;
        return verdict.fail(
          `${service.name} ${String(first.port)}/${String(first.protocol)} is reachable from ${String(first.source)} through ` +
            `rule #${String(rule.ruleIndex)} (${String(rule.policy)} ${String(rule.protocol)} ${String(rule.portRange)}, priority ${String(rule.priority)})`,
          { exposures: hits },
        );
      }
      let shadowed: JsonObject[] | null = null;
      for (const p of params.tcpPorts) shadowed = ingressExposure.shadowed(exposure, 'tcp', p, shadowed);
      for (const p of params.udpPorts) shadowed = ingressExposure.shadowed(exposure, 'udp', p, shadowed);
      return shadowed !== null
        ? verdict.pass(`${service.name} is closed to the internet: world Accept rules are shadowed by Drop rules`, { shadowed })
        : closed;
    },
    fix: securityGroupPortFix,
  });
}
