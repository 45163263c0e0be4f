import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures } from '../../testing/check-fixtures.verifier';

const sas = (clientStatus: string) => f.securityCenter({ agents: [{ instanceId: 'i-web1', clientStatus }] });

verifyCheckFixtures(catalogueItem('ecs-instance-security-agent'), {
  pass: [
    { name: 'the agent is online', asset: f.ecsInstance(), context: [sas('online')] },
    { name: 'the agent is offline and acceptOffline is set', asset: f.ecsInstance(), context: [sas('offline')], params: { acceptOffline: true } },
  ],
  fail: [
    { name: 'no agent is installed', asset: f.ecsInstance(), context: [f.securityCenter({ agents: [] })], evidence: { clientStatus: null } },
    { name: 'the agent is offline', asset: f.ecsInstance(), context: [sas('offline')], evidence: { clientStatus: 'offline' } },
  ],
  error: [{ name: 'the agent list was not collected', asset: f.ecsInstance(), context: [f.withUnknown(sas('online'), ['agents'], 'Sas:DescribeCloudCenterInstances')] }],
  notApplicable: [{ name: 'the instance is stopped', asset: f.ecsInstance({ status: 'Stopped' }), context: [f.securityCenter({ agents: [] })] }],
});
