import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { notRunningCluster } from './ack-cluster-applicability.guard';

export const ackClusterRbac = defineCheck({
  id: 'ack-cluster-rbac',
  title: 'RBAC authorization is enabled on the ACK cluster',
  description: 'Fails only when the cluster explicitly reports RBAC disabled (ABAC-only); RBAC is the ACK default when nothing else is reported.',
  rationale: 'Without RBAC, Kubernetes cannot enforce least privilege between users and service accounts.',
  severity: 'HIGH',
  product: 'ACK',
  kind: 'ackCluster',
  free: true,
  standards: [standardRef.cis('7.3'), standardRef.mlps('8.1.4.2d')],
  remediation: 'Migrate to a cluster with RBAC (authorization-mode=RBAC) and grant access through RAM-bound RBAC roles.',
  apis: ['Cs:DescribeClusterDetail'],
  reads: ['rbacEnabled'],
  applicabilityReads: ['state'],
  notApplicable: notRunningCluster,
  evaluate(asset) {
    const value = asset.configuration.rbacEnabled;
    if (value === false) return verdict.fail('RBAC authorization is disabled', { field: 'rbacEnabled', value });
    return verdict.pass(value === true ? 'RBAC is enabled' : 'RBAC is the ACK default and is not reported disabled', { field: 'rbacEnabled', value });
  },
});
