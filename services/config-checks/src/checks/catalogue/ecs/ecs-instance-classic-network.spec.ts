import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures } from '../../testing/check-fixtures.verifier';

verifyCheckFixtures(catalogueItem('ecs-instance-classic-network'), {
  pass: [{ name: 'the instance is in a VPC', asset: f.ecsInstance() }],
  fail: [{ name: 'the instance has no VPC', asset: f.ecsInstance({ vpcId: null }), evidence: { field: 'vpcId', value: null } }],
  error: [{ name: 'the network type was not collected', asset: f.withUnknown(f.ecsInstance(), ['vpcId'], 'Ecs:DescribeInstances') }],
});
