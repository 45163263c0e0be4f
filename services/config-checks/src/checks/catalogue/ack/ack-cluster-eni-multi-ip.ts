import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { notRunningCluster, usesFlannel } from './ack-cluster-applicability.guard';

export const ackClusterEniMultiIp = defineCheck({
  id: 'ack-cluster-eni-multi-ip',
  title: 'Terway ENI multiple-IP mode is used on the ACK cluster',
  description: 'For Terway clusters: passes when the terway-eniip add-on (shared ENI, multiple IPs) is installed; with requireIpvlan it must also run IPVlan. Flannel clusters are not applicable.',
  rationale: 'Pods get VPC addresses, so security groups and VPC flow logs see individual pods instead of a node-level NAT.',
  severity: 'LOW',
  product: 'ACK',
  kind: 'ackCluster',
  free: false,
  standards: [standardRef.cis('7.8')],
  remediation: 'Create clusters with Terway in ENI multi-IP mode (terway-eniip); Flannel clusters must be rebuilt.',
  apis: ['Cs:DescribeClusterDetail'],
  reads: ['addons'],
  applicabilityReads: ['state', 'networkPlugin', 'addons'],
  params: { requireIpvlan: { type: 'boolean', default: false, description: 'Also require the IPVlan acceleration (Steampipe semantics).' } },
  notApplicable: (asset) => notRunningCluster(asset) ?? (usesFlannel(asset) ? 'Flannel cluster (ENI modes need Terway)' : null),
  evaluate(asset, _ctx, params) {
    const addon = asset.configuration.addons.find((a) => a.name === 'terway-eniip' && !a.disabled);
    if (addon === undefined) return verdict.fail('Terway runs without ENI multiple-IP mode', { field: 'addons', addons: asset.configuration.addons.map((a) => a.name) });
    const ipvlan = String(addon.config?.IPVlan ?? 'false').toLowerCase() === 'true';
    if (params.requireIpvlan && !ipvlan) return verdict.fail('terway-eniip runs without IPVlan', { field: 'addons.terway-eniip.config.IPVlan', value: String(addon.config?.IPVlan ?? null) });
    return verdict.pass(`terway-eniip is installed${ipvlan ? ' with IPVlan' : ''}`);
  },
});
