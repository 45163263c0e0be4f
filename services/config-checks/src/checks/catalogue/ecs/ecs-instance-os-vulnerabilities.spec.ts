import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures } from '../../testing/check-fixtures.verifier';

const vuln = (level: string | null, instanceId = 'i-web1') => ({ name: 'USN-1234: openssl', type: 'cve', instanceId, level });

verifyCheckFixtures(catalogueItem('ecs-instance-os-vulnerabilities'), {
  pass: [
    { name: 'Security Center lists no unfixed vulnerability', asset: f.ecsInstance(), context: [f.securityCenter()] },
    { name: 'only another instance and a low-urgency one are affected', asset: f.ecsInstance(), context: [f.securityCenter({ unfixedVulnerabilities: [vuln('asap', 'i-other'), vuln('nntf')] })] },
  ],
  fail: [{ name: 'an urgent vulnerability is unfixed', asset: f.ecsInstance(), context: [f.securityCenter({ unfixedVulnerabilities: [vuln('asap')] })], evidence: { count: 1 } }],
  error: [
    { name: 'the vulnerability list was not collected', asset: f.ecsInstance(), context: [f.withUnknown(f.securityCenter(), ['unfixedVulnerabilities'], 'Sas:DescribeVulList')] },
    { name: 'Security Center is missing from the inventory', asset: f.ecsInstance() },
  ],
  notApplicable: [{ name: 'the instance is stopped', asset: f.ecsInstance({ status: 'Stopped' }), context: [f.securityCenter({ unfixedVulnerabilities: [vuln('asap')] })] }],
});
