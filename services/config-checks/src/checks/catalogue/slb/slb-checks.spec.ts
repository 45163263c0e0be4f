import type { Listener } from '@rampart/asset-model';
import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures } from '../../testing/check-fixtures.verifier';

const listener = (o: Partial<Listener> = {}): Listener => ({
  port: 22, protocol: 'tcp', status: 'running', backendPort: 22, aclStatus: 'off', aclType: null, aclId: null, aclEntries: null, ...o,
});
const whitelisted = (o: Partial<Listener> = {}) => listener({ aclStatus: 'on', aclType: 'white', aclId: 'acl-1', aclEntries: [{ cidr: '203.0.113.0/24', comment: null }], ...o });
const lb = (listeners: Listener[], o: Parameters<typeof f.loadBalancer>[0] = {}) => f.loadBalancer({ listeners, ...o });

verifyCheckFixtures(catalogueItem('slb-public-listener-acl'), {
  pass: [
    { name: 'the SSH listener is whitelisted', asset: lb([whitelisted()]) },
    { name: 'only the public web ports are open', asset: lb([listener({ port: 443, protocol: 'https', backendPort: 8443 })]) },
  ],
  fail: [
    { name: 'access control is off', asset: lb([listener()]), evidence: { listeners: [{ port: 22, aclStatus: 'off' }] } },
    { name: 'the ACL is a blacklist', asset: lb([listener({ aclStatus: 'on', aclType: 'black', aclId: 'acl-2', aclEntries: [{ cidr: '198.51.100.7/32', comment: null }] })]) },
    { name: 'the whitelist contains 0.0.0.0/0', asset: lb([whitelisted({ aclEntries: [{ cidr: '0.0.0.0/0', comment: null }] })]) },
  ],
  error: [
    { name: 'the whitelist entries could not be read', asset: lb([whitelisted({ aclEntries: null })]) },
    { name: 'listeners were not collected', asset: f.withUnknown(lb([]), ['listeners'], 'Slb:DescribeLoadBalancerAttribute') },
  ],
  notApplicable: [{ name: 'the load balancer is intranet-only', asset: lb([listener()], { addressType: 'intranet' }) }],
});

verifyCheckFixtures(catalogueItem('slb-public-listener-high-risk-port'), {
  pass: [{ name: 'the MySQL listener is whitelisted', asset: lb([whitelisted({ port: 3306, backendPort: 3306 })]) }],
  fail: [{ name: 'port 8080 forwards to backend SSH without ACL', asset: lb([listener({ port: 8080, backendPort: 22 })]), evidence: { listeners: [{ port: 8080, backendPort: 22 }] } }],
  error: [{ name: 'the whitelist of a high-risk listener could not be read', asset: lb([whitelisted({ port: 3389, backendPort: 3389, aclEntries: null })]) }],
  notApplicable: [{ name: 'the load balancer is inactive', asset: lb([listener()], { status: 'inactive' }) }],
});

verifyCheckFixtures(catalogueItem('slb-https-listener'), {
  pass: [
    { name: 'only HTTPS is served', asset: lb([listener({ port: 443, protocol: 'https' })]) },
    { name: 'the HTTP listener is a declared redirect', asset: lb([listener({ port: 80, protocol: 'http' })]), params: { redirectPorts: [80] } },
  ],
  fail: [{ name: 'plain HTTP is served on 80', asset: lb([listener({ port: 80, protocol: 'http' })]), evidence: { listeners: [{ port: 80, protocol: 'http' }] } }],
  error: [{ name: 'listeners were not collected', asset: f.withUnknown(lb([]), ['listeners'], 'Slb:DescribeLoadBalancerAttribute') }],
  notApplicable: [{ name: 'the load balancer is intranet-only', asset: lb([listener({ protocol: 'http' })], { addressType: 'intranet' }) }],
});

verifyCheckFixtures(catalogueItem('slb-delete-protection'), {
  pass: [{ name: 'deletion protection is on', asset: f.loadBalancer() }],
  fail: [{ name: 'deletion protection is off', asset: f.loadBalancer({ deleteProtection: false }) }],
  error: [
    { name: 'the setting was not reported', asset: f.loadBalancer({ deleteProtection: null }) },
    { name: 'the attribute call failed', asset: f.withUnknown(f.loadBalancer(), ['deleteProtection'], 'Slb:DescribeLoadBalancerAttribute') },
  ],
});
