import type { TrailConfiguration } from '@rampart/asset-model';
import { link } from '../normalise-context';
import { actionsOf, type ProductNormaliser } from './product-normaliser';

const P = 'Actiontrail';

/** `acs:log:cn-hangzhou:123:project/audit` → region and project name. */
export function parseSlsProjectArn(arn: string | null): { region: string | null; project: string } | null {
  if (arn === null) return null;
  const match = /^acs:log:([^:]*):[^:]*:project\/([^/]+)/.exec(arn);
  if (match === null) return null;
  return { region: match[1] === '' ? null : match[1], project: match[2] };
}

/**
 * Trails, delivering to an OSS bucket and/or an SLS project. A multi-region trail is listed by every region's
 * DescribeTrails (as a shadow trail); it becomes one asset in its home region.
 */
export const actiontrailNormaliser: ProductNormaliser = {
  name: 'actiontrail',
  actions: actionsOf(P, ['DescribeTrails']),
  normalise(ctx) {
    for (const { ic, reader, body } of ctx.listBodies(P, 'DescribeTrails')) {
      for (const { value: t, at } of reader.array(body, 'TrailList', '')) {
        const name = reader.id(t, 'Name', at);
        if (name === null) continue;
        const homeRegion = reader.str(t, 'HomeRegion', at) ?? ic.call.region;
        const config: TrailConfiguration = {
          name,
          status: reader.str(t, 'Status', at) ?? 'Unknown',
          homeRegion,
          trailRegion: reader.str(t, 'TrailRegion', at),
          eventRW: reader.str(t, 'EventRW', at) ?? 'Write',
          ossBucketName: reader.str(t, 'OssBucketName', at),
          ossKeyPrefix: reader.str(t, 'OssKeyPrefix', at),
          slsProjectArn: reader.str(t, 'SlsProjectArn', at),
          slsWriteRoleArn: reader.str(t, 'SlsWriteRoleArn', at),
          isOrganizationTrail: reader.bool(t, 'IsOrganizationTrail', at) ?? false,
        };
        const asset = ctx.emit(ctx.newAsset('trail', 'ACTIONTRAIL', homeRegion, homeRegion, name, name, {}, config));
        if (asset.configuration !== config) continue;
        if (config.ossBucketName !== null) link(asset, 'LOGS_TO_BUCKET', ctx.id('bucket', null, config.ossBucketName));
        const project = parseSlsProjectArn(config.slsProjectArn);
        if (project !== null) link(asset, 'LOGS_TO_PROJECT', ctx.id('slsProject', project.region ?? homeRegion, project.project));
      }
    }
  },
};
