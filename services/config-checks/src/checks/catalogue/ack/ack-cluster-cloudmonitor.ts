import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { notRunningCluster } from './ack-cluster-applicability.guard';

export const ackClusterCloudmonitor = defineCheck({
  id: 'ack-cluster-cloudmonitor',
  title: 'CloudMonitor is enabled on the ACK cluster nodes',
  description: 'Fails when the node pools of a running cluster do not install the CloudMonitor agent (cms_enabled).',
  rationale: 'Node metrics and alerts are needed to notice resource exhaustion and cryptomining.',
  severity: 'LOW',
  product: 'ACK',
  kind: 'ackCluster',
  free: false,
  standards: [standardRef.cis('7.2'), standardRef.mlps('8.1.5.4c')],
  remediation: 'Enable "Install CloudMonitor agent on ECS nodes" on every node pool.',
  apis: ['Cs:DescribeClusterNodePools'],
  reads: ['cloudMonitorEnabled'],
  applicabilityReads: ['state'],
  notApplicable: notRunningCluster,
  evaluate(asset) {
    const value = asset.configuration.cloudMonitorEnabled;
    if (value === null) return verdict.error('Node pools did not report the CloudMonitor setting', { field: 'cloudMonitorEnabled', value: null });
    return value ? verdict.pass('CloudMonitor agent is enabled') : verdict.fail('CloudMonitor agent is not enabled on the nodes', { field: 'cloudMonitorEnabled', value });
  },
});
