import { defineCheck } from '../../engine/define-check.factory';
import { toJsonObject } from '../../engine/json-value.converter';
import { verdict } from '../../engine/verdict.factory';
import { cidrMatcher } from '../../network/cidr.matcher';
import { policyDocument } from '../../policy/policy-document.inspector';
import { standardRef } from '../standard-ref.factory';

export const ossBucketIpRestriction = defineCheck({
  id: 'oss-bucket-ip-restriction',
  title: 'OSS bucket network access is restricted by source IP or VPC',
  description:
    'Passes when the bucket policy has a statement conditioned on acs:SourceIp (IpAddress / NotIpAddress) or acs:SourceVpc whose addresses ' +
    'are not the whole internet.',
  rationale: 'Binding access to corporate or VPC networks means leaked keys or signed URLs cannot be used from anywhere.',
  severity: 'LOW',
  product: 'OSS',
  kind: 'bucket',
  free: false,
  standards: [standardRef.cis('5.7'), standardRef.mlps('8.1.3.2a')],
  remediation: 'Add a bucket policy that denies access unless acs:SourceIp is in your egress ranges (or acs:SourceVpc is your VPC).',
  apis: ['Oss:GetBucketPolicy'],
  reads: ['policy'],
  evaluate(asset) {
    for (const s of policyDocument.statements(asset.configuration.policy)) {
      for (const [operator, block] of Object.entries(s.Condition ?? {})) {
        for (const [key, value] of Object.entries(block)) {
          const k = key.toLowerCase();
          if (k === 'acs:sourcevpc') return verdict.pass('Bucket policy restricts access by VPC', { statement: toJsonObject(s) });
          if (k !== 'acs:sourceip' || !/ipaddress$/i.test(operator)) continue;
          const ranges = [value].flat().map(String);
          if (ranges.length > 0 && !ranges.some((r) => cidrMatcher.isWorld(r))) {
            return verdict.pass(`Bucket policy restricts access to ${ranges.join(', ')}`, { statement: toJsonObject(s) });
          }
        }
      }
    }
    return verdict.fail('No bucket policy statement restricts access by source IP or VPC', { field: 'policy', hasPolicy: asset.configuration.policy !== null });
  },
});
