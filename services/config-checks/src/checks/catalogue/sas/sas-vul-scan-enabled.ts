import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const sasVulScanEnabled = defineCheck({
  id: 'sas-vul-scan-enabled',
  title: 'Scheduled vulnerability scanning is enabled on all servers',
  description: 'Fails when Security Center vulnerability scanning is switched off for any vulnerability type or urgency level.',
  rationale: 'Scheduled scans are how new CVEs on existing servers are found between deployments.',
  severity: 'MEDIUM',
  product: 'SAS',
  kind: 'securityCenter',
  free: true,
  standards: [standardRef.cis('8.7'), standardRef.mlps('8.1.4.4e')],
  remediation: 'Security Center → Vulnerabilities → Settings: enable every vulnerability type and the high/medium levels for all servers.',
  apis: ['Sas:DescribeVulConfig', 'Sas:DescribeConcernNecessity'],
  reads: ['vulScanEnabled'],
  evaluate(asset) {
    const value = asset.configuration.vulScanEnabled;
    if (value === null) return verdict.error('Vulnerability scan settings were not reported', { field: 'vulScanEnabled', value: null });
    return value ? verdict.pass('Vulnerability scanning is enabled') : verdict.fail('Vulnerability scanning is off for some types or levels', { field: 'vulScanEnabled', value });
  },
});
