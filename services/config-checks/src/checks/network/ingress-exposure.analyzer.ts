import type { SecurityGroupRule } from '@rampart/asset-model';
import type { JsonObject } from '../model/check-result.definition';
import { cidrMatcher, type IpFamily } from './cidr.matcher';

export type TransportProtocol = 'tcp' | 'udp';

/** A rule with where it came from (instances merge the rules of all their groups). */
export interface RuleRef {
  readonly rule: SecurityGroupRule;
  readonly index: number;
  readonly groupId: string;
}

/** A port span reachable from the whole internet, and the Accept rule that decides it. */
export interface ExposedSegment {
  readonly family: IpFamily;
  readonly protocol: TransportProtocol;
  readonly from: number;
  readonly to: number;
  readonly accept: RuleRef;
}

export interface IngressExposure {
  readonly segments: readonly ExposedSegment[];
  /** Whether any world-sourced Accept rule exists (exposed or shadowed). */
  readonly anyWorldAccept: boolean;
  /** Ingress rules whose source is the whole IPv4 or IPv6 internet (Accept and Drop), for evidence. */
  readonly worldRules: readonly NormalisedRule[];
}

export interface NormalisedRule {
  readonly ref: RuleRef;
  readonly accept: boolean;
  readonly priority: number;
  readonly from: number;
  readonly to: number;
  readonly protocols: readonly TransportProtocol[];
  readonly families: readonly IpFamily[];
}

const ALL_PORTS: readonly [number, number] = [1, 65535];
const TCP: readonly TransportProtocol[] = Object.freeze(['tcp']);
const UDP: readonly TransportProtocol[] = Object.freeze(['udp']);
const TCP_UDP: readonly TransportProtocol[] = Object.freeze(['tcp', 'udp']);
const V4: readonly IpFamily[] = Object.freeze(['ipv4']);
const V6: readonly IpFamily[] = Object.freeze(['ipv6']);
const V4_V6: readonly IpFamily[] = Object.freeze(['ipv4', 'ipv6']);
const NO_EXPOSURE: IngressExposure = Object.freeze({ segments: Object.freeze([]), anyWorldAccept: false, worldRules: Object.freeze([]) });

function portSpan(rule: SecurityGroupRule, protocol: string): readonly [number, number] {
  // `-1/-1` and protocol `all` mean every port (the importer normalises them to 1..65535; stay safe if it did not).
  if (protocol === 'all' || rule.portFrom < 1 || rule.portTo < 1) return ALL_PORTS;
  return [rule.portFrom, Math.min(rule.portTo, 65535)];
}

function normalise(ref: RuleRef): NormalisedRule | null {
  const { rule } = ref;
  if (String(rule.direction).toLowerCase() !== 'ingress') return null;
  const protocol = String(rule.protocol).toLowerCase();
  const protocols = protocol === 'all' ? TCP_UDP : protocol === 'tcp' ? TCP : protocol === 'udp' ? UDP : null;
  if (protocols === null) return null;
  const v4 = cidrMatcher.isWorld(rule.sourceCidrIp, 'ipv4');
  const v6 = cidrMatcher.isWorld(rule.ipv6SourceCidrIp, 'ipv6');
  if (!v4 && !v6) return null;
  const families = v4 && v6 ? V4_V6 : v4 ? V4 : V6;
  const [from, to] = portSpan(rule, protocol);
  const priority = Number.isFinite(rule.priority) && rule.priority > 0 ? rule.priority : 1;
  return { ref, accept: String(rule.policy).toLowerCase() === 'accept', priority, from, to, protocols, families };
}

/** Lower priority number wins; at equal priority Drop wins; among equal Accepts the first listed is reported. */
function decide(rules: readonly NormalisedRule[], port: number): NormalisedRule | null {
  let bestAccept: NormalisedRule | null = null;
  let bestDrop = Number.POSITIVE_INFINITY;
  for (const r of rules) {
    if (port < r.from || port > r.to) continue;
    if (r.accept) {
      if (bestAccept === null || r.priority < bestAccept.priority) bestAccept = r;
    } else if (r.priority < bestDrop) bestDrop = r.priority;
  }
  return bestAccept !== null && bestAccept.priority < bestDrop ? bestAccept : null;
}

function segment(family: IpFamily, protocol: TransportProtocol, from: number, to: number, accept: RuleRef): ExposedSegment {
  return { family, protocol, from, to, accept };
}

/**
 * Which ports the internet reaches through a set of ingress rules, honouring Alibaba's evaluation order: rules sorted
 * by priority (1 highest), the first match decides, Drop beats Accept at equal priority. Only world-sourced rules
 * matter here: a narrower Drop cannot close a port to the whole internet and a narrower Accept cannot open it.
 */
export function analyseIngressExposure(refs: readonly RuleRef[]): IngressExposure {
  const worldRules: NormalisedRule[] = [];
  let anyAccept = false;
  for (const ref of refs) {
    const n = normalise(ref);
    if (n === null) continue;
    worldRules.push(n);
    if (n.accept) anyAccept = true;
  }
  if (!anyAccept) return worldRules.length === 0 ? NO_EXPOSURE : { segments: [], anyWorldAccept: false, worldRules };

  const segments: ExposedSegment[] = [];
  for (const family of ['ipv4', 'ipv6'] as const) {
    for (const protocol of ['tcp', 'udp'] as const) {
      const rules = worldRules.filter((r) => r.families.includes(family) && r.protocols.includes(protocol));
      if (!rules.some((r) => r.accept)) continue;
      const bounds = new Set<number>();
      for (const r of rules) {
        bounds.add(r.from);
        bounds.add(r.to + 1);
      }
      const sorted = [...bounds].sort((a, b) => a - b);
      let open: { from: number; to: number; accept: NormalisedRule } | null = null;
      for (let i = 0; i < sorted.length - 1; i++) {
        const from = sorted[i];
        const to = sorted[i + 1] - 1;
        const winner = decide(rules, from);
        if (winner !== null && open !== null && open.accept === winner && open.to + 1 === from) {
          open.to = to;
          continue;
        }
        if (open !== null) segments.push(segment(family, protocol, open.from, open.to, open.accept.ref));
        open = winner === null ? null : { from, to, accept: winner };
      }
      if (open !== null) segments.push(segment(family, protocol, open.from, open.to, open.accept.ref));
    }
  }
  return { segments, anyWorldAccept: true, worldRules };
}

export const ingressExposure = {
  /** The exposed segment containing the port for that protocol (either address family), or null. */
  find(exposure: IngressExposure, protocol: TransportProtocol, port: number): ExposedSegment | null {
    for (const s of exposure.segments) {
      if (s.protocol === protocol && port >= s.from && port <= s.to) return s;
    }
    return null;
  },
  /** World Accept rules covering the port that a Drop of equal or higher priority shadows: why a port is closed. */
  shadowed(exposure: IngressExposure, protocol: TransportProtocol, port: number, found: JsonObject[] | null = null): JsonObject[] | null {
    if (!exposure.anyWorldAccept) return found;
    for (const a of exposure.worldRules) {
      if (!a.accept || port < a.from || port > a.to || !a.protocols.includes(protocol)) continue;
      const drop = exposure.worldRules.find(
        (d) => !d.accept && d.priority <= a.priority && d.protocols.includes(protocol) && port >= d.from && port <= d.to
          && a.families.every((f) => d.families.includes(f)),
      );
      if (drop !== undefined) (found ??= []).push({ port, protocol, accept: ruleEvidence(a.ref), shadowedBy: ruleEvidence(drop.ref) });
    }
    return found;
  },
  isFullRange(ref: RuleRef): boolean {
    const protocol = String(ref.rule.protocol).toLowerCase();
    const [from, to] = portSpan(ref.rule, protocol);
    return from <= 1 && to >= 65535;
  },
};

const evidenceCache = new WeakMap<SecurityGroupRule, JsonObject>();

/** The rule at fault, as evidence: enough to find it in the console or to revoke it (built once per rule). */
export function ruleEvidence(ref: RuleRef): JsonObject {
  const r = ref.rule;
  const cached = evidenceCache.get(r);
  if (cached !== undefined && cached.securityGroupId === ref.groupId && cached.ruleIndex === ref.index) return cached;
  const evidence: JsonObject = {
    securityGroupId: ref.groupId,
    ruleIndex: ref.index,
    direction: r.direction,
    policy: r.policy,
    priority: r.priority,
    protocol: r.protocol,
    portRange: r.portRange,
    sourceCidrIp: r.sourceCidrIp,
    ipv6SourceCidrIp: r.ipv6SourceCidrIp,
    description: r.description,
  };
  evidenceCache.set(r, evidence);
  return evidence;
}
