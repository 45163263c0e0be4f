import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { notRunningCluster, usesFlannel } from './ack-cluster-applicability.guard';

export const ackClusterNetworkPolicy = defineCheck({
  id: 'ack-cluster-network-policy',
  title: 'NetworkPolicy support is enabled on the Terway ACK cluster',
  description: 'For Terway clusters: passes when the cluster reports network policy enabled or the Terway add-on config has NetworkPolicy "true". Flannel clusters are not applicable (no support).',
  rationale: 'Without NetworkPolicy every pod can reach every other pod, so one compromised container reaches the databases.',
  severity: 'MEDIUM',
  product: 'ACK',
  kind: 'ackCluster',
  free: false,
  standards: [standardRef.cis('7.7'), standardRef.mlps('8.1.3.2a')],
  remediation: 'Enable NetworkPolicy in the Terway component configuration, then write default-deny policies per namespace.',
  apis: ['Cs:DescribeClusterDetail'],
  reads: ['networkPolicyEnabled', 'addons'],
  applicabilityReads: ['state', 'networkPlugin', 'addons'],
  notApplicable: (asset) => notRunningCluster(asset) ?? (usesFlannel(asset) ? 'Flannel cluster (NetworkPolicy needs Terway)' : null),
  evaluate(asset) {
    const { networkPolicyEnabled, addons } = asset.configuration;
    const terway = addons.find((a) => a.name.startsWith('terway') && !a.disabled);
    const configured = terway?.config?.NetworkPolicy;
    if (networkPolicyEnabled === true || String(configured).toLowerCase() === 'true') return verdict.pass('NetworkPolicy is enabled');
    return verdict.fail('NetworkPolicy is not enabled', { field: 'networkPolicyEnabled', value: networkPolicyEnabled, terwayAddon: terway?.name ?? null, terwayNetworkPolicy: configured === undefined ? null : String(configured) });
  },
});
