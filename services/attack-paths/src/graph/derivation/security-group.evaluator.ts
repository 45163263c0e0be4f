import type { Asset, SecurityGroupConfiguration, SecurityGroupRule } from '@rampart/asset-model';
import type { Evidence } from '../security-graph.model';
import { cidrContains, isWorld } from './cidr.util';
import { configOf, unknownEvidence } from './asset.index';

export interface PortInterval { from: number; to: number }
export type TransportProtocol = 'tcp' | 'udp';

/** A rule together with where it lives, so that evidence can point at `rules[i]` of its group. */
export interface LocatedRule { groupId: string; index: number; rule: SecurityGroupRule }

/** Which sources a question is about, e.g. "anyone on the IPv4 internet" or "members of sg-a". */
export type SourceProbe =
  | { type: 'cidr'; cidr: string; family: 'ipv4' | 'ipv6' }
  | { type: 'group'; groupId: string };

export interface Admission {
  ports: Record<TransportProtocol, PortInterval[]>;
  /** The accept rules that decided at least one admitted port. */
  grants: LocatedRule[];
  /** Groups whose rules could not be read; the answer is then uncertain. */
  unknown: Evidence[];
}

export const WORLD_IPV4: SourceProbe = { type: 'cidr', cidr: '0.0.0.0/0', family: 'ipv4' };
export const WORLD_IPV6: SourceProbe = { type: 'cidr', cidr: '::/0', family: 'ipv6' };

export function describeRule(rule: SecurityGroupRule): string {
  const source = rule.sourceGroupId ?? rule.sourceCidrIp ?? rule.ipv6SourceCidrIp ?? rule.sourcePrefixListId ?? '?';
  return `${source} ${rule.protocol} ${rule.portRange} ${rule.policy} prio ${rule.priority}`;
}

export const ruleEvidence = ({ groupId, index, rule }: LocatedRule): Evidence => ({
  assetId: groupId, field: `rules[${index}]`, value: describeRule(rule),
});

function ruleApplies(rule: SecurityGroupRule, probe: SourceProbe): boolean {
  if (rule.direction !== 'ingress') return false;
  if (probe.type === 'group') return rule.sourceGroupId === probe.groupId;
  if (probe.family === 'ipv6') return isWorld(rule.ipv6SourceCidrIp) && (rule.ipv6SourceCidrIp ?? '').includes(':');
  // an IPv4 rule applies when its source contains every address of the probe
  const source = rule.sourceCidrIp;
  if (source == null) return false;
  return isWorld(source) ? !source.includes(':') : cidrContains(source, probe.cidr);
}

const portBounds = (rule: SecurityGroupRule): PortInterval =>
  rule.protocol === 'all' || rule.portFrom < 1 ? { from: 1, to: 65535 } : { from: rule.portFrom, to: Math.min(rule.portTo, 65535) };

function subtract(intervals: PortInterval[], cut: PortInterval): { kept: PortInterval[]; removed: PortInterval[] } {
  const kept: PortInterval[] = [];
  const removed: PortInterval[] = [];
  for (const i of intervals) {
    if (cut.to < i.from || cut.from > i.to) { kept.push(i); continue; }
    if (i.from < cut.from) kept.push({ from: i.from, to: cut.from - 1 });
    if (i.to > cut.to) kept.push({ from: cut.to + 1, to: i.to });
    removed.push({ from: Math.max(i.from, cut.from), to: Math.min(i.to, cut.to) });
  }
  return { kept, removed };
}

/**
 * Ports the instance's groups admit from the probe. Rules of all the instance's groups are merged and
 * decided by priority (1 = highest); at equal priority Drop wins; the first decision for a port stands.
 */
export function admittedPorts(rules: readonly LocatedRule[], probes: readonly SourceProbe[]): Omit<Admission, 'unknown'> {
  const applicable = rules.filter((r) => probes.some((p) => ruleApplies(r.rule, p)));
  const ports: Record<TransportProtocol, PortInterval[]> = { tcp: [], udp: [] };
  const grants = new Set<LocatedRule>();
  for (const protocol of ['tcp', 'udp'] as const) {
    const ordered = applicable
      .filter((r) => r.rule.protocol === protocol || r.rule.protocol === 'all')
      .sort((a, b) => a.rule.priority - b.rule.priority || (a.rule.policy === 'drop' ? 0 : 1) - (b.rule.policy === 'drop' ? 0 : 1));
    let undecided: PortInterval[] = [{ from: 1, to: 65535 }];
    for (const located of ordered) {
      const { kept, removed } = subtract(undecided, portBounds(located.rule));
      undecided = kept;
      if (located.rule.policy === 'accept' && removed.length > 0) {
        ports[protocol].push(...removed);
        grants.add(located);
      }
      if (undecided.length === 0) break;
    }
    ports[protocol].sort((a, b) => a.from - b.from);
  }
  return { ports, grants: [...grants] };
}

/** The located ingress rules of the given groups, and evidence for every group that could not be read. */
export function rulesOfGroups(groups: ReadonlyArray<{ id: string; asset: Asset | undefined; reference: Evidence }>): { rules: LocatedRule[]; unknown: Evidence[] } {
  const rules: LocatedRule[] = [];
  const unknown: Evidence[] = [];
  for (const { id, asset, reference } of groups) {
    if (!asset) {
      unknown.push({ ...reference, value: `${reference.value} (security group ${id} not in the inventory)` });
      continue;
    }
    const gap = unknownEvidence(asset, 'rules');
    if (gap) unknown.push(gap);
    configOf<SecurityGroupConfiguration>(asset).rules?.forEach((rule, index) => rules.push({ groupId: asset.id, index, rule }));
  }
  return { rules, unknown };
}

export const hasPorts = (a: Pick<Admission, 'ports'>): boolean => a.ports.tcp.length > 0 || a.ports.udp.length > 0;

export function describePorts(ports: Record<TransportProtocol, PortInterval[]>): string {
  const list = (intervals: PortInterval[]): string =>
    intervals.map((i) => (i.from === i.to ? `${i.from}` : i.from === 1 && i.to === 65535 ? 'all' : `${i.from}-${i.to}`)).join(',');
  return (['tcp', 'udp'] as const).filter((p) => ports[p].length > 0).map((p) => `${p} ${list(ports[p])}`).join('; ');
}

export function portAdmitted(ports: Record<TransportProtocol, PortInterval[]>, protocol: TransportProtocol, port: number): boolean {
  return ports[protocol].some((i) => port >= i.from && port <= i.to);
}
