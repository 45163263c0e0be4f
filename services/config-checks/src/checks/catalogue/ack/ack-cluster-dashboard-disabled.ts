import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { notRunningCluster } from './ack-cluster-applicability.guard';

export const ackClusterDashboardDisabled = defineCheck({
  id: 'ack-cluster-dashboard-disabled',
  title: 'Kubernetes web dashboard is not enabled on the ACK cluster',
  description: 'Fails when the kubernetes-dashboard add-on is installed and not disabled, or a dashboard endpoint is published.',
  rationale: 'The dashboard has been the entry point of real cluster compromises (e.g. Tesla 2018) and duplicates the ACK console.',
  severity: 'MEDIUM',
  product: 'ACK',
  kind: 'ackCluster',
  free: true,
  standards: [standardRef.cis('7.5'), standardRef.mlps('8.1.4.4a')],
  remediation: 'Uninstall the kubernetes-dashboard add-on; use the ACK console instead.',
  apis: ['Cs:DescribeClusterDetail'],
  reads: ['dashboardEnabled', 'addons'],
  applicabilityReads: ['state'],
  notApplicable: notRunningCluster,
  evaluate(asset) {
    const { dashboardEnabled, addons } = asset.configuration;
    const addon = addons.find((a) => a.name === 'kubernetes-dashboard' && !a.disabled);
    if (addon === undefined && !dashboardEnabled) return verdict.pass('No dashboard is installed');
    return verdict.fail('The Kubernetes dashboard is enabled', { field: addon ? 'addons' : 'dashboardEnabled', addon: addon?.name ?? null, dashboardEnabled });
  },
});
