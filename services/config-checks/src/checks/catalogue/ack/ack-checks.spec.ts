import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures } from '../../testing/check-fixtures.verifier';

const cluster = f.ackCluster;
const stopped = { name: 'the cluster is not running', asset: cluster({ state: 'failed' }) };
const flannel = cluster({ networkPlugin: 'flannel', addons: [{ name: 'flannel', disabled: false, config: null }], networkPolicyEnabled: false });

verifyCheckFixtures(catalogueItem('ack-cluster-audit-log-sls'), {
  pass: [{ name: 'audit logs go to an SLS project', asset: cluster() }],
  fail: [{ name: 'no audit project is set', asset: cluster({ auditProjectName: null }) }],
  error: [{ name: 'the cluster detail was not collected', asset: f.withUnknown(cluster(), ['auditProjectName'], 'Cs:DescribeClusterDetail') }],
  notApplicable: [stopped],
});

verifyCheckFixtures(catalogueItem('ack-cluster-log-service'), {
  pass: [
    { name: 'Log Service is enabled', asset: cluster() },
    { name: 'the loongcollector add-on is installed although the flag is unset', asset: cluster({ logServiceEnabled: null, addons: [{ name: 'loongcollector', disabled: false, config: null }] }) },
  ],
  fail: [{ name: 'Log Service is off and no agent is installed', asset: cluster({ logServiceEnabled: false, addons: [] }) }],
  error: [{ name: 'the add-ons were not collected', asset: f.withUnknown(cluster(), ['addons'], 'Cs:DescribeClusterAddonsVersion') }],
  notApplicable: [stopped],
});

verifyCheckFixtures(catalogueItem('ack-cluster-cloudmonitor'), {
  pass: [{ name: 'CloudMonitor is on', asset: cluster() }],
  fail: [{ name: 'CloudMonitor is off', asset: cluster({ cloudMonitorEnabled: false }) }],
  error: [{ name: 'node pools did not report it', asset: cluster({ cloudMonitorEnabled: null }) }],
  notApplicable: [stopped],
});

verifyCheckFixtures(catalogueItem('ack-cluster-rbac'), {
  pass: [{ name: 'RBAC is enabled', asset: cluster() }, { name: 'RBAC is not reported (ACK default)', asset: cluster({ rbacEnabled: null }) }],
  fail: [{ name: 'RBAC is explicitly disabled', asset: cluster({ rbacEnabled: false }) }],
  error: [{ name: 'the cluster detail was not collected', asset: f.withUnknown(cluster(), ['rbacEnabled'], 'Cs:DescribeClusterDetail') }],
  notApplicable: [stopped],
});

verifyCheckFixtures(catalogueItem('ack-cluster-check-weekly'), {
  pass: [{ name: 'a check ran three days ago', asset: cluster() }],
  fail: [
    { name: 'the last check was a month ago', asset: cluster({ lastClusterCheckAt: '2026-10-28T00:00:00Z' }), evidence: { ageDays: 31 } },
    { name: 'no check ever ran', asset: cluster({ lastClusterCheckAt: null }) },
  ],
  error: [{ name: 'the check list was not collected', asset: f.withUnknown(cluster(), ['lastClusterCheckAt'], 'Cs:ListClusterChecks') }],
  notApplicable: [stopped],
});

verifyCheckFixtures(catalogueItem('ack-cluster-dashboard-disabled'), {
  pass: [{ name: 'no dashboard is installed', asset: cluster() }, { name: 'the dashboard add-on is disabled', asset: cluster({ addons: [{ name: 'kubernetes-dashboard', disabled: true, config: null }] }) }],
  fail: [{ name: 'the dashboard add-on is installed', asset: cluster({ addons: [{ name: 'kubernetes-dashboard', disabled: false, config: null }] }), evidence: { addon: 'kubernetes-dashboard' } }],
  error: [{ name: 'add-ons were not collected', asset: f.withUnknown(cluster(), ['addons'], 'Cs:DescribeClusterDetail') }],
  notApplicable: [stopped],
});

verifyCheckFixtures(catalogueItem('ack-cluster-network-policy'), {
  pass: [{ name: 'Terway has NetworkPolicy "true"', asset: cluster({ networkPolicyEnabled: null }) }],
  fail: [{ name: 'Terway runs without NetworkPolicy', asset: cluster({ networkPolicyEnabled: false, addons: [{ name: 'terway-eniip', disabled: false, config: { NetworkPolicy: 'false' } }] }), evidence: { terwayNetworkPolicy: 'false' } }],
  error: [{ name: 'add-ons were not collected', asset: f.withUnknown(cluster(), ['addons'], 'Cs:DescribeClusterDetail') }],
  notApplicable: [{ name: 'the cluster uses Flannel', asset: flannel }, stopped],
});

verifyCheckFixtures(catalogueItem('ack-cluster-eni-multi-ip'), {
  pass: [{ name: 'terway-eniip is installed', asset: cluster() }],
  fail: [
    { name: 'Terway runs in exclusive-ENI mode', asset: cluster({ addons: [{ name: 'terway-eni', disabled: false, config: null }] }) },
    { name: 'IPVlan is required but off', asset: cluster({ addons: [{ name: 'terway-eniip', disabled: false, config: { IPVlan: 'false' } }] }), params: { requireIpvlan: true } },
  ],
  error: [{ name: 'add-ons were not collected', asset: f.withUnknown(cluster(), ['addons'], 'Cs:DescribeClusterDetail') }],
  notApplicable: [{ name: 'the cluster uses Flannel', asset: flannel }],
});

verifyCheckFixtures(catalogueItem('ack-cluster-private-endpoint'), {
  pass: [{ name: 'the API server is internal', asset: cluster() }],
  fail: [{ name: 'the API server has a public endpoint', asset: cluster({ apiServerPublic: true, apiServerEndpoint: 'https://47.1.2.9:6443' }), evidence: { apiServerEndpoint: 'https://47.1.2.9:6443' } }],
  error: [{ name: 'master_url could not be decoded', asset: f.withUnknown(cluster(), ['apiServerPublic', 'apiServerEndpoint'], 'Cs:DescribeClusterDetail') }],
  notApplicable: [stopped],
});

verifyCheckFixtures(catalogueItem('ack-cluster-basic-auth-disabled'), {
  pass: [
    { name: 'basic auth is reported off', asset: cluster() },
    { name: 'the state is not reported but Kubernetes is 1.30 (support removed in 1.19)', asset: cluster({ basicAuthEnabled: null }) },
  ],
  fail: [{ name: 'basic auth is on', asset: cluster({ basicAuthEnabled: true }) }],
  error: [{ name: 'the state is not reported for Kubernetes 1.16', asset: cluster({ basicAuthEnabled: null, currentVersion: '1.16.9-aliyun.1' }) }],
  notApplicable: [stopped],
});

verifyCheckFixtures(catalogueItem('ack-cluster-deletion-protection'), {
  pass: [{ name: 'deletion protection is on', asset: cluster() }],
  fail: [{ name: 'deletion protection is off', asset: cluster({ deletionProtection: false }) }],
  error: [{ name: 'the setting was not reported', asset: cluster({ deletionProtection: null }) }],
  notApplicable: [stopped],
});
