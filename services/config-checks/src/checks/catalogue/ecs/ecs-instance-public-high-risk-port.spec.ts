import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures } from '../../testing/check-fixtures.verifier';

const publicVm = (o: Parameters<typeof f.ecsInstance>[0] = {}) => f.ecsInstance({ publicIpAddresses: ['47.1.2.3'], ...o });
const sshOpen = f.securityGroup({ securityGroupId: 'sg-1', rules: [f.rule({ portFrom: 22, portTo: 22, priority: 10 })] });
const sshDropped = f.securityGroup({ securityGroupId: 'sg-2', rules: [f.rule({ portFrom: 22, portTo: 22, policy: 'drop', priority: 1 })] });

verifyCheckFixtures(catalogueItem('ecs-instance-public-high-risk-port'), {
  pass: [
    { name: 'the instance has no public address', asset: f.ecsInstance(), context: [sshOpen] },
    { name: 'a Drop in a second group outranks the Accept of the first (rules of all groups are merged)', asset: publicVm({ securityGroupIds: ['sg-1', 'sg-2'] }), context: [sshOpen, sshDropped] },
  ],
  fail: [
    { name: 'its group admits 0.0.0.0/0 to SSH on its EIP', asset: f.ecsInstance({ eipAddress: '47.9.9.9' }), context: [sshOpen], evidence: { publicAddresses: ['47.9.9.9'], exposures: [{ port: 22 }] } },
  ],
  error: [
    { name: 'one of its groups is missing from the inventory', asset: publicVm({ securityGroupIds: ['sg-1', 'sg-missing'] }), context: [sshOpen], evidence: { missingSecurityGroupId: 'sg-missing' } },
    { name: 'the rules of its group were not collected', asset: publicVm(), context: [f.withUnknown(sshOpen, ['rules'], 'Ecs:DescribeSecurityGroupAttribute')] },
  ],
  notApplicable: [{ name: 'the instance is stopped', asset: publicVm({ status: 'Stopped' }), context: [sshOpen] }],
});
