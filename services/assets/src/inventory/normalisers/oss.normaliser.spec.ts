import type { BucketConfiguration } from '@rampart/asset-model';
import { assetOf, failed, idOf, normalise, ok } from '../../../test/factories/snapshot.factory';
import { regionOfLocation } from './oss.normaliser';

const list = (...names: string[]): string =>
  `<?xml version="1.0" encoding="UTF-8"?><ListAllMyBucketsResult><Buckets>${names.map((n) => `<Bucket><Name>${n}</Name><Location>oss-cn-beijing</Location></Bucket>`).join('')}</Buckets></ListAllMyBucketsResult>`;
const bucket = (result: ReturnType<typeof normalise>, name: string) => assetOf<BucketConfiguration>(result, idOf('oss', null, 'bucket', name));

describe('OSS normaliser', () => {
  it('derives the region from the Location when ListBuckets has no Region', () => {
    expect(regionOfLocation('oss-cn-hangzhou')).toBe('cn-hangzhou');
    expect(regionOfLocation('cn-hangzhou')).toBe('cn-hangzhou');
    const result = normalise([ok('Oss', 'ListBuckets', list('a'), {}, null)]);
    expect(bucket(result, 'a').region).toBe('cn-beijing');
  });

  it('keeps a bucket named like a number as text', () => {
    const result = normalise([ok('Oss', 'ListBuckets', list('007'), {}, null)]);
    expect(bucket(result, '007').configuration.bucketName).toBe('007');
  });

  it('marks every setting unknown when neither the Get* calls nor GetBucketInfo answered', () => {
    const result = normalise([
      ok('Oss', 'ListBuckets', list('a'), {}, null),
      failed('Oss', 'GetBucketAcl', 'AccessDenied', { bucket: 'a' }),
      failed('Oss', 'GetBucketInfo', 'AccessDenied', { bucket: 'a' }),
    ]);
    expect(bucket(result, 'a').unknown.map((u) => [u.source, u.fields, u.error.code])).toEqual([
      ['Oss:GetBucketAcl', ['acl'], 'AccessDenied'],
      ['Oss:GetBucketPolicy', ['policy'], 'NotCollected'],
      ['Oss:GetBucketLogging', ['logging'], 'NotCollected'],
      ['Oss:GetBucketEncryption', ['encryption'], 'NotCollected'],
      ['Oss:GetBucketVersioning', ['versioning'], 'NotCollected'],
      ['Oss:GetBucketInfo', ['blockPublicAccess'], 'AccessDenied'],
    ]);
  });

  it('answers "no policy" for NoSuchBucketPolicy and finds calls that name the bucket BucketName', () => {
    const result = normalise([
      ok('Oss', 'ListBuckets', list('a'), {}, null),
      failed('Oss', 'GetBucketPolicy', 'NoSuchBucketPolicy', { BucketName: 'a' }),
      ok('Oss', 'GetBucketAcl', '<AccessControlPolicy><AccessControlList><Grant>public-read-write</Grant></AccessControlList></AccessControlPolicy>', { BucketName: 'a' }),
    ]);
    expect(bucket(result, 'a').configuration).toMatchObject({ policy: null, acl: 'public-read-write' });
    expect(bucket(result, 'a').unknown.map((u) => u.fields[0])).not.toContain('policy');
  });

  it('reads GetBucketInfo SSEAlgorithm None as no encryption', () => {
    const info = '<BucketInfo><Bucket><Name>a</Name><AccessControlList><Grant>private</Grant></AccessControlList><ServerSideEncryptionRule><SSEAlgorithm>None</SSEAlgorithm></ServerSideEncryptionRule><BucketPolicy><LogBucket></LogBucket><LogPrefix></LogPrefix></BucketPolicy></Bucket></BucketInfo>';
    const result = normalise([ok('Oss', 'ListBuckets', list('a'), {}, null), ok('Oss', 'GetBucketInfo', info, { bucket: 'a' })]);
    expect(bucket(result, 'a').configuration).toMatchObject({ acl: 'private', encryption: { algorithm: null, kmsMasterKeyId: null }, logging: { enabled: false }, blockPublicAccess: null });
  });

  it('reads Block Public Access from GetBucketPublicAccessBlock before GetBucketInfo, and names that call when it failed', () => {
    const info = '<BucketInfo><Bucket><Name>a</Name><BlockPublicAccess>false</BlockPublicAccess></Bucket></BucketInfo>';
    const block = '<PublicAccessBlockConfiguration><BlockPublicAccess>true</BlockPublicAccess></PublicAccessBlockConfiguration>';
    const both = normalise([ok('Oss', 'ListBuckets', list('a'), {}, null), ok('Oss', 'GetBucketInfo', info, { bucket: 'a' }), ok('Oss', 'GetBucketPublicAccessBlock', block, { bucket: 'a' })]);
    expect(bucket(both, 'a').configuration.blockPublicAccess).toBe(true);
    const denied = normalise([ok('Oss', 'ListBuckets', list('a'), {}, null), failed('Oss', 'GetBucketPublicAccessBlock', 'AccessDenied', { bucket: 'a' })]);
    expect(bucket(denied, 'a').unknown.filter((u) => u.fields.includes('blockPublicAccess')).map((u) => [u.source, u.error.code])).toEqual([['Oss:GetBucketPublicAccessBlock', 'AccessDenied']]);
  });

  it('refuses malformed XML and unknown ACL values, naming the call', () => {
    expect(() => normalise([ok('Oss', 'ListBuckets', list('a'), {}, null), ok('Oss', 'GetBucketAcl', '<AccessControlPolicy><AccessControlList>', { bucket: 'a' })]))
      .toThrow(expect.objectContaining({ details: { path: 'calls[1].response', reason: expect.stringContaining('not well-formed XML') } }));
    expect(() => normalise([ok('Oss', 'ListBuckets', list('a'), {}, null), ok('Oss', 'GetBucketAcl', '<AccessControlPolicy><AccessControlList><Grant>everyone</Grant></AccessControlList></AccessControlPolicy>', { bucket: 'a' })]))
      .toThrow(expect.objectContaining({ details: { path: 'calls[1].response.AccessControlPolicy.AccessControlList.Grant', reason: expect.stringContaining('"everyone"') } }));
    expect(() => normalise([ok('Oss', 'ListBuckets', list('a'), {}, null), ok('Oss', 'GetBucketPolicy', '{"Statement": [', { bucket: 'a' })]))
      .toThrow(expect.objectContaining({ details: { path: 'calls[1].response', reason: expect.stringContaining('not JSON') } }));
  });
});
