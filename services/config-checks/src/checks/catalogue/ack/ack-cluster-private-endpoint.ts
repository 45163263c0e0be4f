import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { notRunningCluster } from './ack-cluster-applicability.guard';

export const ackClusterPrivateEndpoint = defineCheck({
  id: 'ack-cluster-private-endpoint',
  title: 'ACK cluster API server has no public endpoint',
  description: 'Fails when the API server is published on a public (EIP) endpoint.',
  rationale: 'A public API server is exposed to credential stuffing, token leaks and Kubernetes CVEs from the whole internet.',
  severity: 'HIGH',
  product: 'ACK',
  kind: 'ackCluster',
  free: true,
  standards: [standardRef.cis('7.9'), standardRef.mlps('8.1.2.1d'), standardRef.mlps('8.1.3.2a')],
  remediation: 'Unbind the EIP from the API server SLB and reach the cluster through the VPC (VPN, bastion or private kubeconfig).',
  apis: ['Cs:DescribeClusterDetail'],
  reads: ['apiServerPublic', 'apiServerEndpoint'],
  applicabilityReads: ['state'],
  notApplicable: notRunningCluster,
  evaluate(asset) {
    const { apiServerPublic, apiServerEndpoint } = asset.configuration;
    return apiServerPublic
      ? verdict.fail(`API server is public at ${apiServerEndpoint ?? 'a public endpoint'}`, { field: 'apiServerPublic', value: true, apiServerEndpoint })
      : verdict.pass('API server is reachable only inside the VPC');
  },
});
