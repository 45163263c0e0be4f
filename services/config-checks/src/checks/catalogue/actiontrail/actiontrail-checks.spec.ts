import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures } from '../../testing/check-fixtures.verifier';

const account = f.account();
const trailsUnknown = f.withUnknown(f.account(), ['trails'], 'Actiontrail:DescribeTrails');

verifyCheckFixtures(catalogueItem('actiontrail-multi-region-enabled'), {
  pass: [
    { name: 'a trail records all events in all regions', asset: account, context: [f.trail()] },
    { name: 'one of several trails qualifies', asset: account, context: [f.trail({ name: 'old', trailRegion: 'cn-beijing' }), f.trail()] },
  ],
  fail: [
    { name: 'the account has no trail', asset: account, evidence: { trails: [] } },
    { name: 'the only trail is single-region and write-only', asset: account, context: [f.trail({ trailRegion: 'cn-hangzhou', eventRW: 'Write' })], evidence: { trails: [{ trail: 'org-trail', shortfalls: ['trail region cn-hangzhou', 'events Write'] }] } },
    { name: 'OSS and SLS delivery are both required but SLS is missing', asset: account, context: [f.trail({ slsProjectArn: null })], params: { requireOssAndSls: true } },
  ],
  error: [
    { name: 'DescribeTrails failed for the account', asset: trailsUnknown, context: [f.trail({ status: 'Disable' })] },
    { name: 'the only trail could not be described', asset: account, context: [f.withUnknown(f.trail(), ['status'], 'Actiontrail:GetTrailStatus')] },
  ],
});

const logBucket = (o: Parameters<typeof f.bucket>[0] = {}) => f.bucket({ bucketName: 'audit-logs', blockPublicAccess: false, ...o });
verifyCheckFixtures(catalogueItem('actiontrail-bucket-not-public'), {
  pass: [{ name: 'the trail bucket is private', asset: logBucket(), context: [f.trail()] }],
  fail: [{ name: 'the trail bucket is public-read', asset: logBucket({ acl: 'public-read' }), context: [f.trail()], evidence: { trails: ['org-trail'], acl: 'public-read' } }],
  error: [
    { name: 'the bucket ACL could not be read', asset: f.withUnknown(logBucket(), ['acl'], 'Oss:GetBucketAcl'), context: [f.trail()] },
    { name: 'the trails could not be listed', asset: logBucket({ acl: 'public-read' }), context: [f.trail(), trailsUnknown] },
  ],
  notApplicable: [{ name: 'no trail delivers to the bucket', asset: logBucket({ bucketName: 'website', acl: 'public-read' }), context: [f.trail()] }],
});

verifyCheckFixtures(catalogueItem('actiontrail-trail-logging'), {
  pass: [{ name: 'the trail is logging', asset: f.trail() }],
  fail: [{ name: 'the trail is stopped', asset: f.trail({ status: 'Disable' }), evidence: { value: 'Disable' } }],
  error: [{ name: 'the trail status could not be read', asset: f.withUnknown(f.trail(), ['status'], 'Actiontrail:GetTrailStatus') }],
});

verifyCheckFixtures(catalogueItem('actiontrail-trail-sls-delivery'), {
  pass: [{ name: 'the trail delivers to SLS', asset: f.trail() }],
  fail: [{ name: 'the trail delivers to OSS only', asset: f.trail({ slsProjectArn: null }) }],
  error: [{ name: 'the SLS target could not be read', asset: f.withUnknown(f.trail(), ['slsProjectArn'], 'Actiontrail:DescribeTrails') }],
  notApplicable: [{ name: 'the trail is stopped', asset: f.trail({ status: 'Disable', slsProjectArn: null }) }],
});
