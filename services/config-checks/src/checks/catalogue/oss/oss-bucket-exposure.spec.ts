import type { PolicyStatement } from '@rampart/asset-model';
import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures } from '../../testing/check-fixtures.verifier';

const withPolicy = (...Statement: PolicyStatement[]) => f.bucket({ policy: { Version: '1', Statement } });
const anonymousRead: PolicyStatement = { Effect: 'Allow', Principal: ['*'] as unknown as PolicyStatement['Principal'], Action: ['oss:GetObject'], Resource: ['acs:oss:*:*:app-data/*'] };
const anonymousWrite: PolicyStatement = { Effect: 'Allow', Principal: '*', Action: 'oss:Put*', Resource: 'acs:oss:*:*:app-data/*' };
const fromOffice: PolicyStatement = { ...anonymousRead, Condition: { IpAddress: { 'acs:SourceIp': ['203.0.113.0/24'] } } };
const httpsOnlyButPublic: PolicyStatement = { ...anonymousRead, Condition: { Bool: { 'acs:SecureTransport': ['true'] } } };

verifyCheckFixtures(catalogueItem('oss-bucket-public-access'), {
  pass: [
    { name: 'the ACL is private and there is no policy', asset: f.bucket() },
    { name: 'anonymous access is limited to the office by a source-IP condition', asset: withPolicy(fromOffice) },
    { name: 'Block Public Access overrides a public-read ACL', asset: f.bucket({ acl: 'public-read', blockPublicAccess: true }), evidence: { acl: 'public-read', blockPublicAccess: true } },
  ],
  fail: [
    { name: 'the ACL is public-read', asset: f.bucket({ acl: 'public-read', blockPublicAccess: false }), evidence: { field: 'acl', acl: 'public-read' } },
    { name: 'the policy allows Principal ["*"] to read without condition', asset: f.bucket({ blockPublicAccess: false, policy: { Version: '1', Statement: [anonymousRead] } }), evidence: { field: 'policy' } },
    { name: 'the only condition is HTTPS, which does not narrow who', asset: f.bucket({ blockPublicAccess: false, policy: { Version: '1', Statement: [httpsOnlyButPublic] } }) },
    { name: 'the policy is public and Block Public Access may not be used', asset: f.bucket({ blockPublicAccess: false, policy: { Version: '1', Statement: [anonymousRead] } }), fixParams: { blockPublicAccessForPolicy: false }, fix: 'refused' },
  ],
  error: [{ name: 'the ACL could not be read', asset: f.withUnknown(f.bucket(), ['acl'], 'Oss:GetBucketAcl') }],
});

verifyCheckFixtures(catalogueItem('oss-bucket-public-write'), {
  pass: [
    { name: 'the bucket is public-read only', asset: f.bucket({ acl: 'public-read', blockPublicAccess: false }) },
    { name: 'anonymous access is read-only', asset: f.bucket({ blockPublicAccess: false, policy: { Version: '1', Statement: [anonymousRead] } }) },
  ],
  fail: [
    { name: 'the ACL is public-read-write', asset: f.bucket({ acl: 'public-read-write', blockPublicAccess: false }), evidence: { field: 'acl' } },
    { name: 'the policy lets anyone oss:Put*', asset: f.bucket({ blockPublicAccess: false, policy: { Version: '1', Statement: [anonymousWrite] } }), evidence: { field: 'policy' } },
  ],
  error: [{ name: 'the policy could not be read', asset: f.withUnknown(f.bucket(), ['policy'], 'Oss:GetBucketPolicy') }],
});

verifyCheckFixtures(catalogueItem('oss-bucket-block-public-access'), {
  pass: [{ name: 'Block Public Access is on', asset: f.bucket() }],
  fail: [
    { name: 'Block Public Access is off', asset: f.bucket({ blockPublicAccess: false }) },
    { name: 'Block Public Access was never set', asset: f.bucket({ blockPublicAccess: null }) },
  ],
  error: [{ name: 'the setting could not be read', asset: f.withUnknown(f.bucket(), ['blockPublicAccess'], 'Oss:GetBucketPublicAccessBlock') }],
});
