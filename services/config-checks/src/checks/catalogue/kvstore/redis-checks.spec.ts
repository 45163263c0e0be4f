import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures } from '../../testing/check-fixtures.verifier';

const redis = f.redisInstance;
const open = (entries: string[]) => redis({ whitelistGroups: [{ name: 'default', attribute: null, ipType: 'IPv4', entries }] });

verifyCheckFixtures(catalogueItem('redis-whitelist-not-open'), {
  pass: [{ name: 'only the VPC range is allowed', asset: redis() }],
  fail: [
    { name: '0.0.0.0/0 is in a comma list', asset: open(['10.0.0.1,0.0.0.0/0']), evidence: { openEntries: [{ entry: '0.0.0.0/0' }] } },
    { name: 'the entry is 0.0.0.0', asset: open(['0.0.0.0']) },
  ],
  error: [{ name: 'the whitelist could not be read', asset: f.withUnknown(redis(), ['whitelistGroups'], 'R-kvstore:DescribeSecurityIps') }],
  notApplicable: [{ name: 'the instance is inactive', asset: redis({ status: 'Inactive', whitelistGroups: [{ name: 'default', attribute: null, ipType: 'IPv4', entries: ['0.0.0.0/0'] }] }) }],
});

verifyCheckFixtures(catalogueItem('redis-ssl-enabled'), {
  pass: [{ name: 'TLS is on', asset: redis() }],
  fail: [{ name: 'TLS is off', asset: redis({ sslEnabled: false }) }],
  error: [{ name: 'the SSL call failed', asset: f.withUnknown(redis(), ['sslEnabled'], 'R-kvstore:DescribeInstanceSSL') }],
  notApplicable: [{ name: 'the edition does not report SSL', asset: redis({ sslEnabled: null }) }],
});

verifyCheckFixtures(catalogueItem('redis-vpc-network'), {
  pass: [{ name: 'the instance is in a VPC', asset: redis() }],
  fail: [{ name: 'the instance is in the classic network', asset: redis({ networkType: 'CLASSIC', vpcId: null }) }],
  error: [{ name: 'the network type was not collected', asset: f.withUnknown(redis(), ['networkType'], 'R-kvstore:DescribeInstances') }],
});

verifyCheckFixtures(catalogueItem('redis-public-endpoint'), {
  pass: [{ name: 'only private endpoints exist', asset: redis() }],
  fail: [{ name: 'a public endpoint is allocated', asset: redis({ publicConnection: true }) }],
  error: [{ name: 'net info could not be read', asset: f.withUnknown(redis(), ['publicConnection'], 'R-kvstore:DescribeDBInstanceNetInfo') }],
  notApplicable: [{ name: 'the instance is released', asset: redis({ status: 'Released', publicConnection: true }) }],
});
