import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

const EDITIONS: Record<number, string> = { 1: 'Basic (free)', 3: 'Enterprise', 5: 'Advanced', 6: 'Anti-virus', 7: 'Ultimate', 8: 'Multi-Version', 10: 'Value-added Plan' };

export const sasEdition = defineCheck({
  id: 'sas-edition',
  title: 'Security Center is Advanced, Enterprise or Ultimate edition',
  description:
    'Passes when DescribeVersionConfig Version is one of the accepted codes (default 3 Enterprise, 5 Advanced, 7 Ultimate: Ultimate is a superset of ' +
    'Enterprise, so it passes the CIS intent). Basic (1), Anti-virus (6) and Value-added (10) fail.',
  rationale: 'The free and anti-virus editions lack vulnerability fixing, baseline checks and most threat detection.',
  severity: 'MEDIUM',
  product: 'SAS',
  kind: 'securityCenter',
  free: true,
  standards: [standardRef.cis('8.1'), standardRef.mlps('8.1.4.4f'), standardRef.mlps('8.1.4.5')],
  remediation: 'Upgrade Security Center to Advanced, Enterprise or Ultimate for all servers that hold important data.',
  apis: ['Sas:DescribeVersionConfig'],
  reads: ['versionCode'],
  params: { acceptedVersions: { type: 'integer-list', default: [3, 5, 7], minimum: 1, maximum: 20, description: 'DescribeVersionConfig Version codes that pass.' } },
  evaluate(asset, _ctx, params) {
    const code = asset.configuration.versionCode;
    if (code === null) return verdict.error('Security Center edition was not reported', { field: 'versionCode', value: null });
    const name = EDITIONS[code] ?? asset.configuration.edition ?? `version ${code}`;
    return params.acceptedVersions.includes(code)
      ? verdict.pass(`Security Center ${name}`)
      : verdict.fail(`Security Center is ${name}`, { field: 'versionCode', value: code, edition: name, expected: [...params.acceptedVersions] });
  },
});
