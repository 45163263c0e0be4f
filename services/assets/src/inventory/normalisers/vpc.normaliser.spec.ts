import type { VpcConfiguration } from '@rampart/asset-model';
import { HZ, assetOf, failed, idOf, normalise, ok } from '../../../test/factories/snapshot.factory';

const vpcs = { Vpcs: { Vpc: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/8' }] } };
const vpc = (result: ReturnType<typeof normalise>) => assetOf<VpcConfiguration>(result, idOf('vpc', HZ, 'vpc', 'vpc-1'));

describe('VPC normaliser', () => {
  it('puts a flow log on an ENI onto the ENI\'s VPC', () => {
    const result = normalise([
      ok('Ecs', 'DescribeNetworkInterfaces', { NetworkInterfaceSets: { NetworkInterfaceSet: [{ NetworkInterfaceId: 'eni-1', VpcId: 'vpc-1' }] } }),
      ok('Vpc', 'DescribeVpcs', vpcs),
      ok('Vpc', 'DescribeFlowLogs', { FlowLogs: { FlowLog: [{ FlowLogId: 'fl-1', ResourceType: 'NetworkInterface', ResourceId: 'eni-1', Status: 'Inactive', TrafficType: 'Drop' }] } }),
    ]);
    expect(vpc(result).configuration.flowLogs).toEqual([{ flowLogId: 'fl-1', resourceType: 'NetworkInterface', resourceId: 'eni-1', status: 'Inactive', trafficType: 'Drop', projectName: null, logStoreName: null }]);
  });

  it('marks flow logs unknown when the region\'s DescribeFlowLogs failed', () => {
    const result = normalise([ok('Vpc', 'DescribeVpcs', vpcs), failed('Vpc', 'DescribeFlowLogs', 'Forbidden.RAM')]);
    expect(vpc(result).unknown.map((u) => [u.source, u.fields, u.error.code])).toEqual([['Vpc:DescribeFlowLogs', ['flowLogs'], 'Forbidden.RAM']]);
  });

  it('refuses a DNAT entry with a protocol the API does not produce', () => {
    expect(() => normalise([
      ok('Vpc', 'DescribeNatGateways', { NatGateways: { NatGateway: [{ NatGatewayId: 'ngw-1', VpcId: 'vpc-1', ForwardTableIds: { ForwardTableId: ['ftb-1'] } }] } }),
      ok('Vpc', 'DescribeForwardTableEntries', { ForwardTableEntries: { ForwardTableEntry: [{ ForwardEntryId: 'f', ExternalIp: '1.1.1.1', InternalIp: '10.0.0.1', IpProtocol: 'SCTP' }] } }, { ForwardTableId: 'ftb-1' }),
    ])).toThrow(expect.objectContaining({ details: expect.objectContaining({ path: 'calls[1].response.ForwardTableEntries.ForwardTableEntry[0].IpProtocol' }) }));
  });
});
