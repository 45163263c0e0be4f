import type { BucketAcl, BucketConfiguration, PolicyDocument } from '@rampart/asset-model';
import type { IndexedCall } from '../call-index';
import { link, type NormaliseContext, type Outcome } from '../normalise-context';
import { readPolicyDocument } from '../policy-document.reader';
import type { JsonObject, ResponseReader } from '../response-reader';
import type { SnapshotApiError } from '../snapshot.schema';
import { parseXmlBody } from '../xml-body.parser';
import { actionsOf, type ProductNormaliser } from './product-normaliser';

const P = 'Oss';
const ACLS: ReadonlySet<string> = new Set(['private', 'public-read', 'public-read-write']);
/** Errors that answer "not configured" rather than "could not read". */
const NO_POLICY = ['NoSuchBucketPolicy'];
const NO_ENCRYPTION = ['NoSuchServerSideEncryptionRule'];

type Encryption = BucketConfiguration['encryption'];
type Logging = BucketConfiguration['logging'];

/**
 * Buckets with ACL, policy, logging, encryption and versioning. Each aspect comes from its own Get* call; when that
 * call is missing or failed, GetBucketInfo's copy of the same setting is used; when neither answered, the field is
 * unknown.
 */
export const ossNormaliser: ProductNormaliser = {
  name: 'oss',
  actions: actionsOf(P, [
    'ListBuckets', 'GetBucketInfo', 'GetBucketAcl', 'GetBucketPolicy', 'GetBucketLogging', 'GetBucketEncryption', 'GetBucketVersioning',
    'GetBucketPublicAccessBlock',
  ]),
  normalise(ctx) {
    for (const ic of ctx.index.of(P, 'ListBuckets')) {
      if (ic.call.error !== undefined) {
        ctx.incomplete.push({ source: `${P}:ListBuckets`, region: ic.call.region, error: ic.call.error });
        continue;
      }
      const page = xmlOf(ctx, ic);
      if (page === null) continue;
      const { reader, xml } = page;
      const result = reader.obj(xml, 'ListAllMyBucketsResult', '');
      if (result === null) {
        reader.fail('', 'expected <ListAllMyBucketsResult>');
        continue;
      }
      for (const { value: b, at } of reader.list(result, 'Buckets', 'Bucket', 'ListAllMyBucketsResult')) {
        const name = reader.id(b, 'Name', at);
        if (name === null) continue;
        const location = reader.str(b, 'Location', at);
        const region = reader.str(b, 'Region', at) ?? regionOfLocation(location);
        normaliseBucket(ctx, name, region, {
          location,
          storageClass: reader.str(b, 'StorageClass', at),
          creationDate: reader.str(b, 'CreationDate', at),
        });
      }
    }
  },
};

/** `oss-cn-hangzhou` → `cn-hangzhou`. */
export function regionOfLocation(location: string | null): string | null {
  if (location === null) return null;
  return location.startsWith('oss-') ? location.slice(4) : location;
}

function xmlOf(ctx: NormaliseContext, ic: IndexedCall): { reader: ResponseReader; xml: JsonObject } | null {
  const text = ic.call.response;
  if (ic.call.error !== undefined || typeof text !== 'string') return null;
  const reader = ctx.reader(ic);
  const xml = parseXmlBody(reader, text, ctx.xmlBodies);
  return xml === null ? null : { reader, xml };
}

/** OSS calls name the bucket in `bucket` (the SDKs' spelling), some recorders in `BucketName`. */
function bucketCall(ctx: NormaliseContext, action: string, bucket: string, absentCodes: readonly string[] = []): Outcome {
  const outcome = ctx.detail(P, action, 'bucket', bucket, absentCodes);
  return outcome.kind === 'missing' ? ctx.detail(P, action, 'BucketName', bucket, absentCodes) : outcome;
}

interface Resolved<T> { value: T; known: true }
interface Unresolved { known: false; error: SnapshotApiError | null; source: string }

/** The answer of the dedicated call, else GetBucketInfo's, else unknown (with the dedicated call's error). */
function resolve<T>(
  action: string, outcome: Outcome, fromCall: (page: IndexedCall) => T | undefined, fromInfo: (() => T | undefined) | null,
): Resolved<T> | Unresolved {
  if (outcome.kind === 'answered') {
    for (const page of outcome.calls) {
      const value = fromCall(page);
      if (value !== undefined) return { known: true, value };
    }
  }
  const info = fromInfo?.();
  if (info !== undefined) return { known: true, value: info };
  return { known: false, error: outcome.kind === 'failed' ? outcome.error : null, source: `${P}:${action}` };
}

function normaliseBucket(
  ctx: NormaliseContext, name: string, region: string | null,
  listed: { location: string | null; storageClass: string | null; creationDate: string | null },
): void {
  const config: BucketConfiguration = {
    bucketName: name,
    location: listed.location,
    storageClass: listed.storageClass,
    creationDate: listed.creationDate,
    acl: 'private',
    policy: null,
    logging: { enabled: false, targetBucket: null, targetPrefix: null },
    encryption: { algorithm: null, kmsMasterKeyId: null },
    versioning: null,
    blockPublicAccess: null,
  };
  const asset = ctx.emit(ctx.newAsset('bucket', 'OSS', region, null, name, name, {}, config));
  if (asset.configuration !== config) return;

  const infoOutcome = bucketCall(ctx, 'GetBucketInfo', name);
  const info = readBucketInfo(ctx, infoOutcome);
  const fromInfo = <T>(pick: (i: BucketInfo) => T | undefined): (() => T | undefined) | null => (info === null ? null : () => pick(info));

  const acl = resolve('GetBucketAcl', bucketCall(ctx, 'GetBucketAcl', name), (page) => readAcl(ctx, page), fromInfo((i) => i.acl));
  const policy = resolve('GetBucketPolicy', bucketCall(ctx, 'GetBucketPolicy', name, NO_POLICY), (page) => readPolicy(ctx, page), null);
  const logging = resolve('GetBucketLogging', bucketCall(ctx, 'GetBucketLogging', name), (page) => readLogging(ctx, page), fromInfo((i) => i.logging));
  const encryption = resolve('GetBucketEncryption', bucketCall(ctx, 'GetBucketEncryption', name, NO_ENCRYPTION), (page) => readEncryption(ctx, page), fromInfo((i) => i.encryption));
  const versioning = resolve('GetBucketVersioning', bucketCall(ctx, 'GetBucketVersioning', name), (page) => readVersioning(ctx, page), fromInfo((i) => i.versioning));

  const apply = <T>(field: string, r: Resolved<T> | Unresolved, set: (value: T) => void): void => {
    if (r.known) set(r.value);
    else ctx.markUnknown(asset, [field], r.source, r.error);
  };
  apply('acl', acl, (v) => { config.acl = v; });
  apply('policy', policy, (v) => { config.policy = v; });
  apply('logging', logging, (v) => { config.logging = v; });
  apply('encryption', encryption, (v) => { config.encryption = v; });
  apply('versioning', versioning, (v) => { config.versioning = v; });
  const blockOutcome = bucketCall(ctx, 'GetBucketPublicAccessBlock', name);
  const block = blockOutcome.kind === 'answered' ? blockOutcome.calls.map((page) => readPublicAccessBlock(ctx, page)).find((v) => v !== undefined) : undefined;
  if (block !== undefined) config.blockPublicAccess = block;
  else if (info !== null) config.blockPublicAccess = info.blockPublicAccess;
  else if (blockOutcome.kind === 'failed') ctx.markUnknown(asset, ['blockPublicAccess'], `${P}:GetBucketPublicAccessBlock`, blockOutcome.error);
  else ctx.markUnknown(asset, ['blockPublicAccess'], `${P}:GetBucketInfo`, infoOutcome.kind === 'failed' ? infoOutcome.error : null);
  if (info !== null) {
    config.location = config.location ?? info.location;
    config.storageClass = config.storageClass ?? info.storageClass;
    config.creationDate = config.creationDate ?? info.creationDate;
  }

  if (config.logging.targetBucket !== null) link(asset, 'LOGS_TO_BUCKET', ctx.id('bucket', null, config.logging.targetBucket));
  if (config.encryption.kmsMasterKeyId !== null) link(asset, 'ENCRYPTED_WITH', ctx.id('kmsKey', region, config.encryption.kmsMasterKeyId));
}

/** GetBucketInfo's copy of each setting; undefined where the element is absent (then the setting stays unknown). */
interface BucketInfo {
  acl: BucketAcl | undefined;
  logging: Logging | undefined;
  encryption: Encryption | undefined;
  versioning: 'Enabled' | 'Suspended' | null;
  blockPublicAccess: boolean | null;
  location: string | null;
  storageClass: string | null;
  creationDate: string | null;
}

function readBucketInfo(ctx: NormaliseContext, outcome: Outcome): BucketInfo | null {
  if (outcome.kind !== 'answered') return null;
  for (const ic of outcome.calls) {
    const page = xmlOf(ctx, ic);
    if (page === null) continue;
    const { reader, xml } = page;
    const root = reader.obj(xml, 'BucketInfo', '');
    const bucket = root === null ? null : reader.obj(root, 'Bucket', 'BucketInfo');
    if (bucket === null) {
      reader.fail('', 'expected <BucketInfo><Bucket>');
      continue;
    }
    const at = 'BucketInfo.Bucket';
    const aclList = reader.obj(bucket, 'AccessControlList', at);
    const sse = reader.obj(bucket, 'ServerSideEncryptionRule', at);
    const logs = reader.obj(bucket, 'BucketPolicy', at);
    const logBucket = logs === null ? null : reader.str(logs, 'LogBucket', `${at}.BucketPolicy`);
    return {
      acl: aclList === null ? undefined : aclValue(reader, aclList, `${at}.AccessControlList`),
      logging: logs === null ? undefined : {
        enabled: logBucket !== null,
        targetBucket: logBucket,
        targetPrefix: logBucket === null ? null : reader.str(logs, 'LogPrefix', `${at}.BucketPolicy`),
      },
      encryption: sse === null ? undefined : sseValue(reader, sse, `${at}.ServerSideEncryptionRule`),
      versioning: versioningValue(reader, bucket, at),
      blockPublicAccess: reader.bool(bucket, 'BlockPublicAccess', at),
      location: reader.str(bucket, 'Location', at),
      storageClass: reader.str(bucket, 'StorageClass', at),
      creationDate: reader.str(bucket, 'CreationDate', at),
    };
  }
  return null;
}

function aclValue(reader: ResponseReader, list: JsonObject, at: string): BucketAcl | undefined {
  const grant = reader.str(list, 'Grant', at);
  if (grant === null || !ACLS.has(grant)) {
    reader.fail(`${at}.Grant`, `expected private, public-read or public-read-write, got ${JSON.stringify(grant)}`);
    return undefined;
  }
  return grant as BucketAcl;
}

function readAcl(ctx: NormaliseContext, ic: IndexedCall): BucketAcl | undefined {
  const page = xmlOf(ctx, ic);
  if (page === null) return undefined;
  const root = page.reader.obj(page.xml, 'AccessControlPolicy', '');
  const list = root === null ? null : page.reader.obj(root, 'AccessControlList', 'AccessControlPolicy');
  if (list === null) {
    page.reader.fail('', 'expected <AccessControlPolicy><AccessControlList>');
    return undefined;
  }
  return aclValue(page.reader, list, 'AccessControlPolicy.AccessControlList');
}

function readPolicy(ctx: NormaliseContext, ic: IndexedCall): PolicyDocument | null | undefined {
  if (ic.call.error !== undefined) return null; // NoSuchBucketPolicy: no policy
  const text = ic.call.response;
  if (typeof text !== 'string') return undefined;
  const reader = ctx.reader(ic);
  let failed = false;
  const document = readPolicyDocument(text, (reason) => {
    failed = true;
    reader.fail('', reason);
  });
  return failed ? undefined : document;
}

function readLogging(ctx: NormaliseContext, ic: IndexedCall): Logging | undefined {
  const page = xmlOf(ctx, ic);
  if (page === null) return undefined;
  if (!('BucketLoggingStatus' in page.xml)) {
    page.reader.fail('', 'expected <BucketLoggingStatus>');
    return undefined;
  }
  const status = page.reader.obj(page.xml, 'BucketLoggingStatus', '');
  const enabled = status === null ? null : page.reader.obj(status, 'LoggingEnabled', 'BucketLoggingStatus');
  if (enabled === null) return { enabled: false, targetBucket: null, targetPrefix: null };
  const at = 'BucketLoggingStatus.LoggingEnabled';
  const targetBucket = page.reader.str(enabled, 'TargetBucket', at);
  return { enabled: targetBucket !== null, targetBucket, targetPrefix: targetBucket === null ? null : page.reader.str(enabled, 'TargetPrefix', at) };
}

function sseValue(reader: ResponseReader, rule: JsonObject, at: string): Encryption | undefined {
  const raw = reader.str(rule, 'SSEAlgorithm', at);
  const algorithm = raw === null || raw.toLowerCase() === 'none' ? null : raw.toUpperCase();
  if (algorithm !== null && algorithm !== 'AES256' && algorithm !== 'KMS' && algorithm !== 'SM4') {
    reader.fail(`${at}.SSEAlgorithm`, `expected AES256, KMS or SM4, got ${JSON.stringify(raw)}`);
    return undefined;
  }
  return { algorithm, kmsMasterKeyId: algorithm === 'KMS' ? reader.str(rule, 'KMSMasterKeyID', at) : null };
}

function readEncryption(ctx: NormaliseContext, ic: IndexedCall): Encryption | undefined {
  if (ic.call.error !== undefined) return { algorithm: null, kmsMasterKeyId: null }; // NoSuchServerSideEncryptionRule
  const page = xmlOf(ctx, ic);
  if (page === null) return undefined;
  const root = page.reader.obj(page.xml, 'ServerSideEncryptionRule', '');
  const rule = root === null ? null : page.reader.obj(root, 'ApplyServerSideEncryptionByDefault', 'ServerSideEncryptionRule');
  if (rule === null) {
    page.reader.fail('', 'expected <ServerSideEncryptionRule><ApplyServerSideEncryptionByDefault>');
    return undefined;
  }
  return sseValue(page.reader, rule, 'ServerSideEncryptionRule.ApplyServerSideEncryptionByDefault');
}

function versioningValue(reader: ResponseReader, holder: JsonObject, at: string): 'Enabled' | 'Suspended' | null {
  const key = 'Versioning' in holder ? 'Versioning' : 'Status';
  const raw = reader.str(holder, key, at);
  if (raw === null) return null;
  if (raw === 'Enabled' || raw === 'Suspended') return raw;
  reader.fail(`${at}.${key}`, `expected Enabled or Suspended, got ${JSON.stringify(raw)}`);
  return null;
}

function readVersioning(ctx: NormaliseContext, ic: IndexedCall): 'Enabled' | 'Suspended' | null | undefined {
  const page = xmlOf(ctx, ic);
  if (page === null) return undefined;
  if (!('VersioningConfiguration' in page.xml)) {
    page.reader.fail('', 'expected <VersioningConfiguration>');
    return undefined;
  }
  const root = page.reader.obj(page.xml, 'VersioningConfiguration', '');
  return root === null ? null : versioningValue(page.reader, root, 'VersioningConfiguration');
}

function readPublicAccessBlock(ctx: NormaliseContext, ic: IndexedCall): boolean | undefined {
  const page = xmlOf(ctx, ic);
  if (page === null) return undefined;
  const root = page.reader.obj(page.xml, 'PublicAccessBlockConfiguration', '');
  const value = root === null ? null : page.reader.bool(root, 'BlockPublicAccess', 'PublicAccessBlockConfiguration');
  if (value === null) {
    page.reader.fail('', 'expected <PublicAccessBlockConfiguration><BlockPublicAccess>');
    return undefined;
  }
  return value;
}
