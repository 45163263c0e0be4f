import { defineCheck } from '../../engine/define-check.factory';
import { instant } from '../../engine/instant.parser';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { notRunningCluster } from './ack-cluster-applicability.guard';

export const ackClusterCheckWeekly = defineCheck({
  id: 'ack-cluster-check-weekly',
  title: 'A cluster check ran on the ACK cluster within the last week',
  description: 'Fails when no successful cluster check (inspection) finished within the threshold (default 7 days).',
  rationale: 'Cluster checks catch expiring certificates, risky configuration and component issues before they become outages or incidents.',
  severity: 'LOW',
  product: 'ACK',
  kind: 'ackCluster',
  free: false,
  standards: [standardRef.cis('7.4'), standardRef.mlps('8.1.4.4e')],
  remediation: 'Run a cluster check (ACK console → Inspections) and schedule it at least weekly.',
  apis: ['Cs:ListClusterChecks'],
  reads: ['lastClusterCheckAt'],
  applicabilityReads: ['state'],
  params: { days: { type: 'integer', default: 7, minimum: 1, maximum: 365, description: 'Maximum days since the last successful cluster check.' } },
  notApplicable: notRunningCluster,
  evaluate(asset, ctx, params) {
    const last = asset.configuration.lastClusterCheckAt;
    if (last === null) return verdict.fail('No cluster check has ever succeeded', { field: 'lastClusterCheckAt', value: null });
    const age = instant.ageInDays(last, ctx.now);
    if (age === null) return verdict.error(`Unreadable cluster check time ${last}`, { field: 'lastClusterCheckAt', value: last });
    return age <= params.days
      ? verdict.pass(`Last cluster check ${age} day(s) ago`)
      : verdict.fail(`Last cluster check was ${age} days ago`, { field: 'lastClusterCheckAt', value: last, ageDays: age, thresholdDays: params.days });
  },
});
