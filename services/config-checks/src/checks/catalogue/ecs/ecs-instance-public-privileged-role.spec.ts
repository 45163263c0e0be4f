import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures } from '../../testing/check-fixtures.verifier';

const web = f.securityGroup({ securityGroupId: 'sg-1', rules: [f.rule({ portFrom: 443, portTo: 443 })] });
const vm = (o: Parameters<typeof f.ecsInstance>[0] = {}) => f.ecsInstance({ publicIpAddresses: ['47.1.2.3'], ramRoleName: 'app-role', ...o });
const admin = f.ramRole({ attachedPolicies: [{ policyName: 'AdministratorAccess', policyType: 'System', policyId: 'acs:ram::1234567890123456:policy/AdministratorAccess' }] });
const ossWildcard = f.ramPolicy({ policyName: 'oss-all', document: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'oss:*', Resource: '*' }] } });
const customOss = f.ramRole({ attachedPolicies: [{ policyName: 'oss-all', policyType: 'Custom', policyId: ossWildcard.id }] });
const readOnly = f.ramPolicy();
const scoped = f.ramRole({ attachedPolicies: [{ policyName: 'read-logs', policyType: 'Custom', policyId: readOnly.id }] });

verifyCheckFixtures(catalogueItem('ecs-instance-public-privileged-role'), {
  pass: [
    { name: 'the role only reads logs', asset: vm(), context: [web, scoped, readOnly] },
    { name: 'the instance has no role', asset: vm({ ramRoleName: null }), context: [web] },
    { name: 'nothing is reachable from the internet', asset: vm(), context: [f.securityGroup({ securityGroupId: 'sg-1' }), admin] },
  ],
  fail: [
    { name: 'the public instance carries AdministratorAccess', asset: vm(), context: [web, admin], evidence: { ramRoleName: 'app-role', grants: [{ policyName: 'AdministratorAccess' }] } },
    { name: 'a custom policy of the role allows oss:* on *', asset: vm(), context: [web, customOss, ossWildcard], evidence: { grants: [{ action: 'oss:*' }] } },
  ],
  error: [
    { name: 'the role is missing from the inventory', asset: vm(), context: [web] },
    { name: 'the role\'s custom policy document was not collected', asset: vm(), context: [web, customOss, f.withUnknown(ossWildcard, ['document'], 'Ram:GetPolicyVersion')] },
    { name: 'the instance role was not collected', asset: f.withUnknown(vm(), ['ramRoleName'], 'Ecs:DescribeInstanceRamRole'), context: [web, admin] },
  ],
  notApplicable: [{ name: 'the instance is stopped', asset: vm({ status: 'Stopped' }), context: [web, admin] }],
});
