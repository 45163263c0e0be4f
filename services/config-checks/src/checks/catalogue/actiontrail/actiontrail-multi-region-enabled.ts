import type { TrailConfiguration } from '@rampart/asset-model';
import { defineCheck } from '../../engine/define-check.factory';
import { findUnknown } from '../../engine/unknown-data.matcher';
import { verdict } from '../../engine/verdict.factory';
import type { JsonObject } from '../../model/check-result.definition';
import { standardRef } from '../standard-ref.factory';

function shortfalls(t: TrailConfiguration, requireBoth: boolean): string[] {
  const why: string[] = [];
  if (t.status !== 'Enable') why.push(`status ${t.status}`);
  if (t.trailRegion !== 'All') why.push(`trail region ${t.trailRegion ?? 'unset'}`);
  if (t.eventRW !== 'All') why.push(`events ${t.eventRW}`);
  const oss = !!t.ossBucketName;
  const sls = !!t.slsProjectArn;
  if (requireBoth ? !(oss && sls) : !(oss || sls)) why.push(requireBoth ? 'not delivering to both OSS and SLS' : 'no delivery target');
  return why;
}

export const actiontrailMultiRegionEnabled = defineCheck({
  id: 'actiontrail-multi-region-enabled',
  title: 'An enabled ActionTrail trail records all events in all regions',
  description:
    'Passes when at least one trail has Status Enable, TrailRegion All, EventRW All and delivers to OSS or SLS (set requireOssAndSls to demand both, ' +
    'as Steampipe does). Evaluated once per account.',
  rationale: 'Without a multi-region trail, API activity in unused regions (a favourite hiding place) goes unrecorded.',
  severity: 'HIGH',
  product: 'ACTIONTRAIL',
  kind: 'account',
  free: true,
  standards: [standardRef.cis('2.1'), standardRef.mlps('8.1.4.3a'), standardRef.mlps('8.1.3.5a')],
  remediation: 'Create (or edit) a trail applying to all regions, recording read and write events, delivering to an OSS bucket and an SLS project.',
  apis: ['Actiontrail:DescribeTrails'],
  accountApis: ['Actiontrail:DescribeTrails'],
  reads: [],
  params: { requireOssAndSls: { type: 'boolean', default: false, description: 'Require delivery to both OSS and SLS.' } },
  evaluate(asset, ctx, params) {
    const trails = ctx.ofKind('trail', asset.accountId);
    const considered: JsonObject[] = [];
    for (const trail of trails) {
      const missing = findUnknown(trail, ['status', 'trailRegion', 'eventRW', 'ossBucketName', 'slsProjectArn']);
      if (missing !== null) continue;
      const why = shortfalls(trail.configuration, params.requireOssAndSls);
      if (why.length === 0) return verdict.pass(`Trail ${trail.configuration.name} covers all regions and events`, { trail: trail.configuration.name });
      considered.push({ trail: trail.configuration.name, shortfalls: why });
    }
    for (const trail of trails) {
      const missing = findUnknown(trail, ['status', 'trailRegion', 'eventRW', 'ossBucketName', 'slsProjectArn']);
      if (missing !== null) return verdict.unknown(missing, trail.id);
    }
    return verdict.fail(trails.length === 0 ? 'The account has no ActionTrail trail' : 'No trail is enabled for all regions and all events', { trails: considered });
  },
});
