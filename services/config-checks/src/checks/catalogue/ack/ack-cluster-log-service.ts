import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { notRunningCluster } from './ack-cluster-applicability.guard';

const LOG_AGENTS = new Set(['logtail-ds', 'loongcollector', 'alibaba-log-controller']);

export const ackClusterLogService = defineCheck({
  id: 'ack-cluster-log-service',
  title: 'Log Service is enabled on the ACK cluster',
  description: 'Passes when the cluster reports Log Service enabled, or a Log Service agent add-on (logtail-ds, loongcollector) is installed and not disabled.',
  rationale: 'Container and node logs disappear with pods and nodes unless they are collected centrally.',
  severity: 'MEDIUM',
  product: 'ACK',
  kind: 'ackCluster',
  free: true,
  standards: [standardRef.cis('7.1'), standardRef.mlps('8.1.4.3a')],
  remediation: 'Install the Log Service component (logtail-ds / loongcollector) from the cluster add-ons page.',
  apis: ['Cs:DescribeClusterDetail', 'Cs:DescribeClusterAddonsVersion'],
  reads: ['logServiceEnabled', 'addons'],
  applicabilityReads: ['state'],
  notApplicable: notRunningCluster,
  evaluate(asset) {
    const { logServiceEnabled, addons } = asset.configuration;
    const agent = addons.find((a) => LOG_AGENTS.has(a.name) && !a.disabled);
    if (logServiceEnabled === true || agent !== undefined) return verdict.pass(agent ? `Log agent ${agent.name} is installed` : 'Log Service is enabled');
    return verdict.fail('Log Service is not enabled on the cluster', { field: 'logServiceEnabled', value: logServiceEnabled, addons: addons.map((a) => a.name) });
  },
});
