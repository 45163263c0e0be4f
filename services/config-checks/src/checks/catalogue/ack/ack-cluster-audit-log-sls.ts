import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { notRunningCluster } from './ack-cluster-applicability.guard';

export const ackClusterAuditLogSls = defineCheck({
  id: 'ack-cluster-audit-log-sls',
  title: 'Kubernetes API audit logs of the ACK cluster go to Log Service',
  description: 'Fails for a running cluster whose meta_data has no AuditProjectName (API-server audit logs are not shipped to SLS).',
  rationale: 'API-server audit logs are the only record of who did what inside the cluster.',
  severity: 'MEDIUM',
  product: 'SLS',
  kind: 'ackCluster',
  free: false,
  standards: [standardRef.cis('2.4'), standardRef.mlps('8.1.4.3a')],
  remediation: 'Enable cluster auditing (ACK console → cluster → Security → Cluster auditing), which creates the SLS project.',
  apis: ['Cs:DescribeClustersV1', 'Cs:DescribeClusterDetail'],
  reads: ['auditProjectName'],
  applicabilityReads: ['state'],
  notApplicable: notRunningCluster,
  evaluate(asset) {
    const project = asset.configuration.auditProjectName;
    return project
      ? verdict.pass(`Audit logs go to SLS project ${project}`)
      : verdict.fail('API-server audit logging to SLS is not enabled', { field: 'auditProjectName', value: project });
  },
});
