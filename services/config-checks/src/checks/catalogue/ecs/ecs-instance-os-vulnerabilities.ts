import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { securityCenterFor } from './sas-context.lookup';

export const ecsInstanceOsVulnerabilities = defineCheck({
  id: 'ecs-instance-os-vulnerabilities',
  title: 'Running ECS instance has no unfixed OS vulnerabilities',
  description:
    'Fails for a running instance with vulnerabilities that Security Center reports as unfixed (DescribeVulList Status 0) at the ' +
    'selected urgency levels; fixed, verifying and ignored records do not count.',
  rationale: 'Known, unpatched vulnerabilities are the cheapest way into a host once it is reachable.',
  severity: 'HIGH',
  product: 'ECS',
  kind: 'ecsInstance',
  free: false,
  standards: [standardRef.cis('4.5'), standardRef.mlps('8.1.4.4e')],
  remediation: 'Apply the patches Security Center lists (Vulnerability management → fix), then verify; schedule regular patch windows.',
  apis: ['Ecs:DescribeInstances', 'Sas:DescribeVulList'],
  reads: [],
  applicabilityReads: ['status'],
  params: {
    levels: {
      type: 'string-list', default: ['asap', 'later'],
      description: 'Security Center urgency levels that fail the check (asap = high, later = medium, nntf = low).',
    },
  },
  notApplicable: (asset) => (asset.configuration.status === 'Running' ? null : `instance is ${asset.configuration.status}`),
  evaluate(asset, ctx, params) {
    const found = securityCenterFor(ctx, asset, 'unfixedVulnerabilities');
    if (!found.ok) return found.verdict;
    const id = asset.configuration.instanceId;
    const vulns = found.sas.configuration.unfixedVulnerabilities.filter(
      (v) => v.instanceId === id && (v.level === null || params.levels.includes(v.level)),
    );
    if (vulns.length === 0) return verdict.pass('No unfixed vulnerability at the selected levels');
    return verdict.fail(`${vulns.length} unfixed vulnerabilit${vulns.length === 1 ? 'y' : 'ies'}, e.g. ${vulns[0].name}`, {
      count: vulns.length,
      vulnerabilities: vulns.slice(0, 20).map((v) => ({ name: v.name, type: v.type, level: v.level })),
    });
  },
});
