import type { EcsInstanceConfiguration, SecurityGroupConfiguration } from '@rampart/asset-model';
import { HZ, assetOf, failed, idOf, normalise, ok } from '../../../test/factories/snapshot.factory';
import { parsePortRange } from './ecs.normaliser';

const group = (SecurityGroupId: string): unknown => ({ SecurityGroups: { SecurityGroup: [{ SecurityGroupId, VpcId: 'vpc-1' }] } });
const rules = (SecurityGroupId: string, ...Permission: unknown[]): unknown => ({ SecurityGroupId, Permissions: { Permission } });
const instance = (InstanceId: string): unknown => ({ InstanceId, Status: 'Running', VpcAttributes: { VpcId: 'vpc-1', VSwitchId: 'vsw-1', PrivateIpAddress: { IpAddress: ['10.0.0.5'] } } });
const sg = (result: ReturnType<typeof normalise>, id: string) => assetOf<SecurityGroupConfiguration>(result, idOf('ecs', HZ, 'securitygroup', id));

describe('ECS normaliser', () => {
  it('reads port ranges as Alibaba means them', () => {
    expect(parsePortRange('22/22', 'tcp')).toEqual([22, 22]);
    expect(parsePortRange('1000/2000', 'udp')).toEqual([1000, 2000]);
    expect(parsePortRange('-1/-1', 'tcp')).toEqual([1, 65535]);
    expect(parsePortRange('-1/-1', 'all')).toEqual([1, 65535]);
    expect(parsePortRange('-1/-1', 'icmp')).toEqual([-1, -1]);
    expect(parsePortRange('-1/-1', 'gre')).toEqual([-1, -1]);
    expect(parsePortRange('80/22', 'tcp')).toBeNull();
    expect(parsePortRange('22', 'tcp')).toBeNull();
    expect(parsePortRange('1/70000', 'tcp')).toBeNull();
  });

  it('accepts Priority as text or number and defaults Policy to Accept and Priority to 1', () => {
    const result = normalise([
      ok('Ecs', 'DescribeSecurityGroups', group('sg-1')),
      ok('Ecs', 'DescribeSecurityGroupAttribute', rules('sg-1',
        { Direction: 'ingress', IpProtocol: 'TCP', PortRange: '22/22', SourceCidrIp: '0.0.0.0/0', Priority: '5', Policy: 'Drop' },
        { Direction: 'ingress', IpProtocol: 'UDP', PortRange: '53/53', SourceCidrIp: '10.0.0.0/8', Priority: 7 },
        { Direction: 'ingress', IpProtocol: 'ICMPv6', PortRange: '-1/-1', Ipv6SourceCidrIp: '::/0' },
      ), { SecurityGroupId: 'sg-1' }),
    ]);
    expect(sg(result, 'sg-1').configuration.rules.map((r) => [r.protocol, r.policy, r.priority, r.portFrom, r.portTo])).toEqual([
      ['tcp', 'drop', 5, 22, 22], ['udp', 'accept', 7, 53, 53], ['icmpv6', 'accept', 1, -1, -1],
    ]);
  });

  it('takes the direction from the request when a rule omits it', () => {
    const result = normalise([
      ok('Ecs', 'DescribeSecurityGroups', group('sg-1')),
      ok('Ecs', 'DescribeSecurityGroupAttribute', rules('sg-1', { IpProtocol: 'ALL', PortRange: '-1/-1', DestCidrIp: '0.0.0.0/0' }), { SecurityGroupId: 'sg-1', Direction: 'egress' }),
    ]);
    expect(sg(result, 'sg-1').configuration.rules[0]).toMatchObject({ direction: 'egress', destCidrIp: '0.0.0.0/0' });
  });

  it('refuses a rule with a protocol or port range the API does not produce', () => {
    const calls = (p: unknown) => [
      ok('Ecs', 'DescribeSecurityGroups', group('sg-1')),
      ok('Ecs', 'DescribeSecurityGroupAttribute', rules('sg-1', p), { SecurityGroupId: 'sg-1' }),
    ];
    expect(() => normalise(calls({ IpProtocol: 'SCTP', PortRange: '1/2' })))
      .toThrow(expect.objectContaining({ details: { path: 'calls[1].response.Permissions.Permission[0].IpProtocol', reason: 'unknown protocol "SCTP"' } }));
    expect(() => normalise(calls({ IpProtocol: 'TCP', PortRange: '22-22' })))
      .toThrow(expect.objectContaining({ details: expect.objectContaining({ path: 'calls[1].response.Permissions.Permission[0].PortRange' }) }));
  });

  it('marks rules unknown when the attribute call failed', () => {
    const result = normalise([
      ok('Ecs', 'DescribeSecurityGroups', group('sg-1')),
      failed('Ecs', 'DescribeSecurityGroupAttribute', 'Forbidden.RAM', { SecurityGroupId: 'sg-1' }),
    ]);
    expect(sg(result, 'sg-1').unknown).toEqual([{ fields: ['rules', 'innerAccessPolicy'], source: 'Ecs:DescribeSecurityGroupAttribute', error: { code: 'Forbidden.RAM', message: 'Forbidden.RAM (recorded)' } }]);
  });

  it('counts a region-wide DescribeInstanceRamRole (no InstanceIds filter) as covering every instance of that region only', () => {
    const result = normalise([
      ok('Ecs', 'DescribeInstances', { Instances: { Instance: [instance('i-1'), instance('i-2')] } }),
      ok('Ecs', 'DescribeInstances', { Instances: { Instance: [instance('i-9')] } }, {}, 'cn-beijing'),
      ok('Ecs', 'DescribeInstanceRamRole', { InstanceRamRoleSets: { InstanceRamRoleSet: [{ InstanceId: 'i-2', RamRoleName: 'Worker' }] } }),
    ]);
    const at = (region: string, id: string) => assetOf<EcsInstanceConfiguration>(result, idOf('ecs', region, 'instance', id));
    expect(at(HZ, 'i-1').configuration.ramRoleName).toBeNull();
    expect(at(HZ, 'i-1').unknown.filter((u) => u.source === 'Ecs:DescribeInstanceRamRole')).toEqual([]);
    expect(at(HZ, 'i-2').configuration.ramRoleName).toBe('Worker');
    expect(at('cn-beijing', 'i-9').unknown.find((u) => u.source === 'Ecs:DescribeInstanceRamRole')?.error.code).toBe('NotCollected');
  });

  it('reads DescribeInstanceRamRole InstanceIds given as a list or as repeat-list keys', () => {
    const result = normalise([
      ok('Ecs', 'DescribeInstances', { Instances: { Instance: [instance('i-1'), instance('i-2')] } }),
      ok('Ecs', 'DescribeInstanceRamRole', { InstanceRamRoleSets: { InstanceRamRoleSet: [] } }, { InstanceIds: ['i-1'] }),
      failed('Ecs', 'DescribeInstanceRamRole', 'Throttling', { 'InstanceIds.1': 'i-2' }),
    ]);
    expect(assetOf(result, idOf('ecs', HZ, 'instance', 'i-1')).unknown.map((u) => u.source)).not.toContain('Ecs:DescribeInstanceRamRole');
    expect(assetOf(result, idOf('ecs', HZ, 'instance', 'i-2')).unknown.find((u) => u.source === 'Ecs:DescribeInstanceRamRole')?.error.code).toBe('Throttling');
  });
});
