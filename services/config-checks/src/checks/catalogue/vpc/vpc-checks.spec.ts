import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures } from '../../testing/check-fixtures.verifier';

const flowLog = (o: Partial<{ resourceType: string; resourceId: string; status: string; projectName: string | null; logStoreName: string | null }> = {}) => ({
  flowLogId: 'fl-1', resourceType: 'VPC', resourceId: 'vpc-1', status: 'Active', trafficType: 'All', projectName: 'flowlogs', logStoreName: 'vpc', ...o,
});

verifyCheckFixtures(catalogueItem('vpc-flow-log-enabled'), {
  pass: [{ name: 'an active flow log covers the VPC', asset: f.vpc() }],
  fail: [
    { name: 'the VPC has no flow log', asset: f.vpc({ flowLogs: [] }), fixParams: { projectName: 'flowlogs', logStoreName: 'vpc' } },
    { name: 'its flow log is inactive', asset: f.vpc({ flowLogs: [flowLog({ status: 'Inactive' })] }), evidence: { flowLogs: [{ status: 'Inactive' }] }, fixParams: { projectName: 'flowlogs', logStoreName: 'vpc' } },
    { name: 'no SLS target is given for the fix', asset: f.vpc({ flowLogs: [] }), fix: 'refused' },
  ],
  error: [{ name: 'flow logs were not collected', asset: f.withUnknown(f.vpc(), ['flowLogs'], 'Vpc:DescribeFlowLogs') }],
});

verifyCheckFixtures(catalogueItem('vpc-flow-log-sls'), {
  pass: [
    { name: 'a VPC-level flow log delivers to SLS', asset: f.vpc() },
    { name: 'every VSwitch has an SLS flow log', asset: f.vpc({ vSwitchIds: ['vsw-1', 'vsw-2'], flowLogs: [flowLog({ resourceType: 'VSwitch', resourceId: 'vsw-1' }), flowLog({ resourceType: 'VSwitch', resourceId: 'vsw-2' })] }) },
  ],
  fail: [
    { name: 'one VSwitch is not covered', asset: f.vpc({ vSwitchIds: ['vsw-1', 'vsw-2'], flowLogs: [flowLog({ resourceType: 'VSwitch', resourceId: 'vsw-1' })] }), evidence: { uncoveredVSwitches: ['vsw-2'] } },
    { name: 'the VPC flow log has no logstore', asset: f.vpc({ vSwitchIds: [], flowLogs: [flowLog({ logStoreName: null })] }) },
  ],
  error: [{ name: 'flow logs were not collected', asset: f.withUnknown(f.vpc(), ['flowLogs'], 'Vpc:DescribeFlowLogs') }],
});

verifyCheckFixtures(catalogueItem('vpc-nat-dnat-all-ports'), {
  pass: [{ name: 'DNAT forwards one port', asset: f.natGateway({ forwardEntries: [{ forwardEntryId: 'fwd-1', externalIp: '47.1.2.4', externalPort: '443', internalIp: '10.0.0.5', internalPort: '443', protocol: 'tcp', status: 'Available' }] }) }],
  fail: [{ name: 'an IP-mapping entry forwards every port', asset: f.natGateway({ forwardEntries: [{ forwardEntryId: 'fwd-2', externalIp: '47.1.2.4', externalPort: 'any', internalIp: '10.0.0.5', internalPort: 'any', protocol: 'any', status: 'Available' }] }), evidence: { entries: [{ forwardEntryId: 'fwd-2' }] } }],
  error: [{ name: 'the forward table was not collected', asset: f.withUnknown(f.natGateway(), ['forwardEntries'], 'Vpc:DescribeForwardTableEntries') }],
});
