import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures } from '../../testing/check-fixtures.verifier';

const allowAll = (o: Parameters<typeof f.rule>[0] = {}) => f.rule({ protocol: 'all', portFrom: 1, portTo: 65535, portRange: '-1/-1', ...o });

verifyCheckFixtures(catalogueItem('ecs-sg-open-all-ports'), {
  pass: [
    { name: 'rules open single ports', asset: f.securityGroup({ rules: [f.rule({ portFrom: 443, portTo: 443 })] }) },
    { name: 'the allow-all rule is for a private range', asset: f.securityGroup({ rules: [allowAll({ sourceCidrIp: '172.16.0.0/12' })] }) },
    { name: 'an equal-priority allow-all Drop shadows it', asset: f.securityGroup({ rules: [allowAll({ priority: 50 }), allowAll({ policy: 'drop', priority: 50 })] }) },
  ],
  fail: [
    { name: 'protocol ALL -1/-1 from 0.0.0.0/0', asset: f.securityGroup({ rules: [allowAll()] }), evidence: { rules: [{ portRange: '-1/-1' }] } },
    { name: 'TCP 1/65535 from ::/0', asset: f.securityGroup({ rules: [f.rule({ portFrom: 1, portTo: 65535, sourceCidrIp: null, ipv6SourceCidrIp: '::/0' })] }) },
    {
      name: 'a Drop closes only SSH in front of the allow-all rule',
      asset: f.securityGroup({ rules: [allowAll({ priority: 5 }), f.rule({ portFrom: 22, portTo: 22, policy: 'drop', priority: 1 })] }),
      fixParams: { keepTcpPorts: [443] },
    },
  ],
  error: [{ name: 'the rules could not be collected', asset: f.withUnknown(f.securityGroup(), ['rules'], 'Ecs:DescribeSecurityGroupAttribute') }],
});
