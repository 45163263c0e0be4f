import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const actiontrailTrailLogging = defineCheck({
  id: 'actiontrail-trail-logging',
  title: 'ActionTrail trail is logging',
  description: 'Fails for a trail whose Status is not Enable (created but stopped).',
  rationale: 'A stopped trail is easy to miss and leaves a gap in the audit record, often exactly when something happened.',
  severity: 'MEDIUM',
  product: 'ACTIONTRAIL',
  kind: 'trail',
  free: true,
  standards: [standardRef.mlps('8.1.4.3a'), standardRef.mlps('8.1.4.3d')],
  remediation: 'Start logging on the trail (StartLogging), and alert on StopLogging events.',
  apis: ['Actiontrail:DescribeTrails', 'Actiontrail:GetTrailStatus'],
  reads: ['status'],
  evaluate(asset) {
    const { status, name } = asset.configuration;
    return status === 'Enable'
      ? verdict.pass(`Trail ${name} is logging`)
      : verdict.fail(`Trail ${name} is ${status}`, { field: 'status', value: status, expected: 'Enable' });
  },
  fix: {
    description: 'StartLogging on the trail; the rollback stops it again.',
    writeActions: ['Actiontrail:StartLogging'],
    rollbackActions: ['Actiontrail:StopLogging'],
    captureActions: ['Actiontrail:GetTrailStatus'],
    plan(asset) {
      const { name, homeRegion } = asset.configuration;
      const region = homeRegion ?? asset.region;
      return {
        ok: true,
        plan: {
          summary: `Start logging on trail ${name}`,
          capture: [{ call: { product: 'Actiontrail', action: 'GetTrailStatus', region, params: { Name: name } }, fields: ['status'] }],
          priorState: { status: asset.configuration.status },
          writes: [{ product: 'Actiontrail', action: 'StartLogging', region, params: { Name: name } }],
          rollback: [{ product: 'Actiontrail', action: 'StopLogging', region, params: { Name: name } }],
        },
      };
    },
  },
});
