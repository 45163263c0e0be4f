import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { notRunningCluster } from './ack-cluster-applicability.guard';

/** Kubernetes removed static-password (basic) authentication in 1.19. */
function versionAtLeast119(version: string | null): boolean | null {
  const m = /^v?(\d+)\.(\d+)/.exec(version ?? '');
  if (m === null) return null;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return major > 1 || (major === 1 && minor >= 19);
}

export const ackClusterBasicAuthDisabled = defineCheck({
  id: 'ack-cluster-basic-auth-disabled',
  title: 'Basic authentication is not enabled on the ACK cluster',
  description: 'Fails when the cluster reports basic (static password) authentication enabled. When not reported, clusters on Kubernetes 1.19+ pass (support was removed upstream).',
  rationale: 'Static passwords in basic-auth files cannot be rotated or tied to identities.',
  severity: 'MEDIUM',
  product: 'ACK',
  kind: 'ackCluster',
  free: false,
  standards: [standardRef.cis('7.6'), standardRef.mlps('8.1.4.1a')],
  remediation: 'Upgrade the cluster to a supported Kubernetes version and authenticate with RAM-issued kubeconfigs.',
  apis: ['Cs:DescribeClusterDetail'],
  reads: ['basicAuthEnabled', 'currentVersion'],
  applicabilityReads: ['state'],
  notApplicable: notRunningCluster,
  evaluate(asset) {
    const { basicAuthEnabled, currentVersion } = asset.configuration;
    if (basicAuthEnabled === true) return verdict.fail('Basic authentication is enabled', { field: 'basicAuthEnabled', value: true });
    if (basicAuthEnabled === false) return verdict.pass('Basic authentication is disabled');
    const modern = versionAtLeast119(currentVersion);
    if (modern === true) return verdict.pass(`Kubernetes ${currentVersion ?? ''} no longer supports basic authentication`, { currentVersion });
    return verdict.error('Basic authentication state is not reported for this Kubernetes version', { field: 'basicAuthEnabled', value: null, currentVersion });
  },
});
