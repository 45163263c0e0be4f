import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures } from '../../testing/check-fixtures.verifier';

const sas = f.securityCenter;

verifyCheckFixtures(catalogueItem('sas-edition'), {
  pass: [
    { name: 'Enterprise (3)', asset: sas({ versionCode: 3 }) },
    { name: 'Advanced (5)', asset: sas({ versionCode: 5 }) },
    { name: 'Ultimate (7), a superset of Enterprise', asset: sas({ versionCode: 7 }) },
  ],
  fail: [
    { name: 'Basic (1)', asset: sas({ versionCode: 1 }), evidence: { value: 1, edition: 'Basic (free)' } },
    { name: 'Anti-virus (6)', asset: sas({ versionCode: 6 }) },
  ],
  error: [{ name: 'the edition is not reported', asset: sas({ versionCode: null }) }],
});

verifyCheckFixtures(catalogueItem('sas-agent-all-assets'), {
  pass: [{ name: 'every running instance has an online agent', asset: sas(), context: [f.ecsInstance()] }],
  fail: [
    { name: 'an agent is offline', asset: sas({ agents: [{ instanceId: 'i-web1', clientStatus: 'offline' }] }), evidence: { assets: [{ instanceId: 'i-web1', clientStatus: 'offline' }] } },
    { name: 'a running instance is missing from Security Center', asset: sas({ agents: [] }), context: [f.ecsInstance({ instanceId: 'i-new' })], evidence: { assets: [{ instanceId: 'i-new', clientStatus: 'not-listed' }] } },
  ],
  error: [{ name: 'the asset list was not collected', asset: f.withUnknown(sas(), ['agents'], 'Sas:DescribeCloudCenterInstances') }],
});

verifyCheckFixtures(catalogueItem('sas-notification-high-risk'), {
  pass: [{ name: 'every high-risk item has a route', asset: sas() }],
  fail: [
    {
      name: 'webshell notifications are off (route 0)',
      asset: sas({ notices: sas().configuration.notices.map((n) => (n.project === 'webshell' ? { ...n, route: 0 } : n)) }),
      evidence: { projects: [{ project: 'webshell', route: 0 }] },
    },
    { name: 'a listed item has no notice config at all', asset: sas({ notices: [] }), reason: /sas_vulnerability/ },
  ],
  error: [{ name: 'notice settings were not collected', asset: f.withUnknown(sas(), ['notices'], 'Sas:DescribeNoticeConfig') }],
});

verifyCheckFixtures(catalogueItem('sas-vul-scan-enabled'), {
  pass: [{ name: 'scanning is on', asset: sas() }],
  fail: [{ name: 'scanning is off for some types', asset: sas({ vulScanEnabled: false }) }],
  error: [{ name: 'the settings are not reported', asset: sas({ vulScanEnabled: null }) }],
});
