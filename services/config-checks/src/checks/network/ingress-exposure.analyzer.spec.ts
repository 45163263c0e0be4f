import type { SecurityGroupRule } from '@rampart/asset-model';
import { assetFixtures as f } from '../testing/asset.fixtures';
import { analyseIngressExposure, ingressExposure, type RuleRef } from './ingress-exposure.analyzer';

const refs = (rules: SecurityGroupRule[], groupId = 'sg-1'): RuleRef[] => rules.map((rule, index) => ({ rule, index, groupId }));
const exposed = (rules: SecurityGroupRule[], port: number, protocol: 'tcp' | 'udp' = 'tcp') =>
  ingressExposure.find(analyseIngressExposure(refs(rules)), protocol, port);
const accept = (o: Partial<SecurityGroupRule> = {}) => f.rule({ portFrom: 22, portTo: 22, ...o });
const drop = (o: Partial<SecurityGroupRule> = {}) => f.rule({ portFrom: 22, portTo: 22, policy: 'drop', ...o });

describe('internet exposure of security-group rules', () => {
  it('lets a Drop at equal priority win over an Accept (Alibaba tie rule)', () => {
    expect(exposed([accept({ priority: 7 }), drop({ priority: 7 })], 22)).toBeNull();
  });

  it('lets a higher-priority (lower number) Drop shadow an Accept, in any listing order', () => {
    expect(exposed([drop({ priority: 1 }), accept({ priority: 2 })], 22)).toBeNull();
    expect(exposed([accept({ priority: 2 }), drop({ priority: 1 })], 22)).toBeNull();
  });

  it('keeps the port open when the Accept has the higher priority', () => {
    expect(exposed([accept({ priority: 1 }), drop({ priority: 2 })], 22)?.accept.index).toBe(0);
  });

  it('ignores a Drop whose source is narrower than the whole internet', () => {
    expect(exposed([accept({ priority: 5 }), drop({ priority: 1, sourceCidrIp: '203.0.113.0/24' })], 22)).not.toBeNull();
  });

  it('does not let an IPv4 Drop close the IPv6 path', () => {
    const seg = exposed([accept({ sourceCidrIp: null, ipv6SourceCidrIp: '::/0', priority: 5 }), drop({ priority: 1 })], 22);
    expect(seg?.family).toBe('ipv6');
  });

  it('treats protocol all and -1/-1 as every TCP and UDP port', () => {
    const all = f.rule({ protocol: 'all', portFrom: -1, portTo: -1, portRange: '-1/-1' });
    expect(exposed([all], 6379)).not.toBeNull();
    expect(exposed([all], 11211, 'udp')).not.toBeNull();
  });

  it('accepts upper-case protocol, policy and direction as the raw API writes them', () => {
    const raw = { ...accept(), protocol: 'TCP', policy: 'Accept', direction: 'Ingress' } as unknown as SecurityGroupRule;
    expect(exposed([raw], 22)).not.toBeNull();
  });

  it('splits a wide Accept around a Drop for one port inside it', () => {
    const exposure = analyseIngressExposure(refs([f.rule({ portFrom: 1, portTo: 65535, priority: 10 }), drop({ priority: 1 })]));
    expect(exposure.segments.filter((s) => s.protocol === 'tcp').map((s) => [s.from, s.to])).toEqual([[1, 21], [23, 65535]]);
  });

  it('does not match a UDP rule for a TCP port, nor an egress rule, nor an ICMP rule', () => {
    expect(exposed([accept({ protocol: 'udp' })], 22)).toBeNull();
    expect(exposed([accept({ direction: 'egress' })], 22)).toBeNull();
    expect(exposed([f.rule({ protocol: 'icmp', portFrom: -1, portTo: -1 })], 22)).toBeNull();
  });

  it('merges the rules of several groups, so a Drop in one group closes an Accept of another', () => {
    const merged = [...refs([accept({ priority: 50 })], 'sg-a'), ...refs([drop({ priority: 50 })], 'sg-b')];
    expect(ingressExposure.find(analyseIngressExposure(merged), 'tcp', 22)).toBeNull();
  });

  it('explains a closed port by the Drop that shadows the Accept', () => {
    const exposure = analyseIngressExposure(refs([accept({ priority: 3 }), drop({ priority: 2 })]));
    expect(ingressExposure.shadowed(exposure, 'tcp', 22)).toEqual([expect.objectContaining({ port: 22, accept: expect.objectContaining({ ruleIndex: 0 }), shadowedBy: expect.objectContaining({ ruleIndex: 1 }) })]);
  });
});
