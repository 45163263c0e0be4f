import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures } from '../../testing/check-fixtures.verifier';

const allowAll = f.securityGroup({ securityGroupId: 'sg-1', rules: [f.rule({ protocol: 'all', portFrom: 1, portTo: 65535, portRange: '-1/-1' })] });
const webOnly = f.securityGroup({ securityGroupId: 'sg-1', rules: [f.rule({ portFrom: 443, portTo: 443 })] });

verifyCheckFixtures(catalogueItem('eip-bound-instance-unrestricted'), {
  pass: [{ name: 'the bound instance admits only HTTPS', asset: f.eip(), context: [f.ecsInstance(), webOnly] }],
  fail: [
    { name: 'the bound instance admits the internet on every port', asset: f.eip(), context: [f.ecsInstance(), allowAll], evidence: { eip: '47.1.2.3', target: 'i-web1', rules: [{ portRange: '-1/-1' }] } },
    { name: 'the bound ENI\'s group allows everything', asset: f.eip({ instanceType: 'NetworkInterface', instanceId: 'eni-1' }), context: [f.networkInterface(), allowAll] },
  ],
  error: [
    { name: 'the bound instance is not in the inventory', asset: f.eip(), context: [allowAll] },
    { name: 'the group rules were not collected', asset: f.eip(), context: [f.ecsInstance(), f.withUnknown(allowAll, ['rules'], 'Ecs:DescribeSecurityGroupAttribute')] },
  ],
  notApplicable: [
    { name: 'the EIP is not bound', asset: f.eip({ status: 'Available', instanceId: null, instanceType: null }) },
    { name: 'the EIP is bound to an SLB', asset: f.eip({ instanceType: 'SlbInstance', instanceId: 'lb-1' }) },
    { name: 'the bound instance is stopped', asset: f.eip(), context: [f.ecsInstance({ status: 'Stopped' }), allowAll] },
  ],
});
