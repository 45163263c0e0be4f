import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const actiontrailTrailSlsDelivery = defineCheck({
  id: 'actiontrail-trail-sls-delivery',
  title: 'Enabled ActionTrail trail delivers events to Log Service',
  description: 'Fails for an enabled trail with no SLS project (OSS-only delivery cannot drive alerts); stopped trails are not applicable.',
  rationale: 'Alerts on root logons, policy or security-group changes (CIS 2.10-2.22) need the events in SLS.',
  severity: 'MEDIUM',
  product: 'ACTIONTRAIL',
  kind: 'trail',
  free: false,
  standards: [standardRef.mlps('8.1.5.4d'), standardRef.mlps('8.1.4.3c')],
  remediation: 'Edit the trail and deliver events to an SLS project/logstore (UpdateTrail SlsProjectArn, SlsWriteRoleArn).',
  apis: ['Actiontrail:DescribeTrails'],
  reads: ['slsProjectArn'],
  applicabilityReads: ['status'],
  notApplicable: (asset) => (asset.configuration.status === 'Enable' ? null : 'trail is not logging'),
  evaluate(asset) {
    const { slsProjectArn, name } = asset.configuration;
    return slsProjectArn
      ? verdict.pass(`Trail ${name} delivers to ${slsProjectArn}`)
      : verdict.fail(`Trail ${name} does not deliver to SLS`, { field: 'slsProjectArn', value: slsProjectArn });
  },
});
