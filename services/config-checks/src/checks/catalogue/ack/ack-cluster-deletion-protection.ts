import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { notRunningCluster } from './ack-cluster-applicability.guard';

export const ackClusterDeletionProtection = defineCheck({
  id: 'ack-cluster-deletion-protection',
  title: 'ACK cluster has deletion protection',
  description: 'Fails when deletion protection is off for a running cluster.',
  rationale: 'Deletion protection stops a mistaken or malicious DeleteCluster from taking production down.',
  severity: 'LOW',
  product: 'ACK',
  kind: 'ackCluster',
  free: false,
  standards: [standardRef.mlps('8.1.4.9c')],
  remediation: 'Turn on deletion protection for the cluster (ModifyCluster deletion_protection=true).',
  apis: ['Cs:DescribeClusterDetail'],
  reads: ['deletionProtection'],
  applicabilityReads: ['state'],
  notApplicable: notRunningCluster,
  evaluate(asset) {
    const value = asset.configuration.deletionProtection;
    if (value === null) return verdict.error('Deletion protection was not reported', { field: 'deletionProtection', value: null });
    return value ? verdict.pass('Deletion protection is on') : verdict.fail('Deletion protection is off', { field: 'deletionProtection', value });
  },
  fix: {
    description: 'ModifyCluster deletion_protection=true; the rollback turns it off.',
    writeActions: ['Cs:ModifyCluster'],
    rollbackActions: ['Cs:ModifyCluster'],
    captureActions: ['Cs:DescribeClusterDetail'],
    plan(asset) {
      const { clusterId } = asset.configuration;
      const call = (on: boolean) => ({ product: 'Cs' as const, action: 'ModifyCluster', region: asset.region, params: { ClusterId: clusterId, deletion_protection: on } });
      return {
        ok: true,
        plan: {
          summary: `Protect cluster ${clusterId} from deletion`,
          capture: [{ call: { product: 'Cs', action: 'DescribeClusterDetail', region: asset.region, params: { ClusterId: clusterId } }, fields: ['deletionProtection'] }],
          priorState: { deletionProtection: asset.configuration.deletionProtection },
          writes: [call(true)],
          rollback: [call(false)],
        },
      };
    },
  },
});
