import OSS from 'ali-oss';
import { overrideFor, withRetries, type AlibabaCredentials, type CallOutcome, type RetryPolicy } from './call-outcome';

/** The OSS API version snapshots name (OSS has no versioned OpenAPI; this is its current API reference). */
export const OSS_VERSION = '2019-05-17';

/** The `ali-oss` methods the connector calls; each answer carries the raw body in `res.data`. */
interface RawAnswer {
  res: { status: number; data: Buffer | string };
}
/** A bucket sub-resource request as `ali-oss` builds, signs and sends it (for the APIs it has no method for). */
interface SubResourceRequest {
  method: string;
  bucket: string;
  subres: string;
  content?: string;
  mime?: string;
  successStatuses?: number[];
}
interface OssBucketApi {
  listBuckets(query: Record<string, unknown>): Promise<RawAnswer>;
  getBucketInfo(name: string): Promise<RawAnswer>;
  getBucketACL(name: string): Promise<RawAnswer>;
  getBucketPolicy(name: string): Promise<RawAnswer>;
  getBucketLogging(name: string): Promise<RawAnswer>;
  getBucketEncryption(name: string): Promise<RawAnswer>;
  getBucketVersioning(name: string): Promise<RawAnswer>;
  putBucketACL(name: string, acl: string): Promise<RawAnswer>;
  deleteBucketLogging(name: string): Promise<RawAnswer>;
  putBucketEncryption(name: string, rule: { SSEAlgorithm: string; KMSMasterKeyID?: string }): Promise<RawAnswer>;
  deleteBucketEncryption(name: string): Promise<RawAnswer>;
  putBucketVersioning(name: string, status: string): Promise<RawAnswer>;
  putBucketPolicy(name: string, policy: Record<string, unknown>): Promise<RawAnswer>;
  deleteBucketPolicy(name: string): Promise<RawAnswer>;
  _bucketRequestParams(method: string, bucket: string, subres: string): SubResourceRequest;
  request(params: SubResourceRequest): Promise<RawAnswer>;
}

type BucketCall = (client: OssBucketApi, bucket: string, params: Record<string, unknown>) => Promise<RawAnswer>;

/** Thrown before any request when a call's parameters do not fit its API (OSS's own code for a bad argument). */
class InvalidArgument extends Error {
  readonly code = 'InvalidArgument';
}

const ACLS: ReadonlySet<string> = new Set(['private', 'public-read', 'public-read-write']);
const SSE_ALGORITHMS: ReadonlySet<string> = new Set(['AES256', 'KMS', 'SM4']);
const VERSIONING: ReadonlySet<string> = new Set(['Enabled', 'Suspended']);

function oneOf(params: Record<string, unknown>, name: string, allowed: ReadonlySet<string>): string {
  const value = params[name];
  if (typeof value !== 'string' || !allowed.has(value)) throw new InvalidArgument(`${name} must be one of ${[...allowed].join(', ')}`);
  return value;
}

function text(params: Record<string, unknown>, name: string, optional = false): string | undefined {
  const value = params[name];
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string') throw new InvalidArgument(`${name} must be a string`);
  return value;
}

const xmlText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const XML_HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** A sub-resource request with an XML body, signed and sent by `ali-oss` (its body gets a Content-MD5). */
function sendXml(client: OssBucketApi, method: string, bucket: string, subres: string, xml: string): Promise<RawAnswer> {
  return client.request({ ...client._bucketRequestParams(method, bucket, subres), content: xml, mime: 'xml', successStatuses: [200] });
}

/** The bucket APIs a fix plan or a collection may call, each with the parameters the plans name (`bucket` always). */
const BUCKET_ACTIONS: Record<string, BucketCall> = {
  GetBucketInfo: (client, bucket) => client.getBucketInfo(bucket),
  GetBucketAcl: (client, bucket) => client.getBucketACL(bucket),
  GetBucketPolicy: (client, bucket) => client.getBucketPolicy(bucket),
  GetBucketLogging: (client, bucket) => client.getBucketLogging(bucket),
  GetBucketEncryption: (client, bucket) => client.getBucketEncryption(bucket),
  GetBucketVersioning: (client, bucket) => client.getBucketVersioning(bucket),
  GetBucketPublicAccessBlock: (client, bucket) =>
    client.request({ ...client._bucketRequestParams('GET', bucket, 'publicAccessBlock'), successStatuses: [200] }),
  PutBucketAcl: (client, bucket, params) => client.putBucketACL(bucket, oneOf(params, 'acl', ACLS)),
  // `putBucketLogging` always logs into the bucket itself; the plans may name another target bucket.
  PutBucketLogging: (client, bucket, params) => {
    const target = text(params, 'targetBucket')!;
    const prefix = text(params, 'targetPrefix', true) ?? '';
    const xml = `${XML_HEADER}<BucketLoggingStatus>\n<LoggingEnabled>\n<TargetBucket>${xmlText(target)}</TargetBucket>\n` +
      `${prefix ? `<TargetPrefix>${xmlText(prefix)}</TargetPrefix>\n` : ''}</LoggingEnabled>\n</BucketLoggingStatus>`;
    return sendXml(client, 'PUT', bucket, 'logging', xml);
  },
  DeleteBucketLogging: (client, bucket) => client.deleteBucketLogging(bucket),
  PutBucketEncryption: (client, bucket, params) => {
    const kmsMasterKeyId = text(params, 'kmsMasterKeyId', true);
    return client.putBucketEncryption(bucket, { SSEAlgorithm: oneOf(params, 'sseAlgorithm', SSE_ALGORITHMS), ...(kmsMasterKeyId ? { KMSMasterKeyID: kmsMasterKeyId } : {}) });
  },
  DeleteBucketEncryption: (client, bucket) => client.deleteBucketEncryption(bucket),
  PutBucketVersioning: (client, bucket, params) => client.putBucketVersioning(bucket, oneOf(params, 'status', VERSIONING)),
  PutBucketPolicy: (client, bucket, params) => {
    const policy = params.policy;
    if (policy === null || typeof policy !== 'object' || Array.isArray(policy)) throw new InvalidArgument('policy must be a policy document object');
    return client.putBucketPolicy(bucket, policy as Record<string, unknown>);
  },
  DeleteBucketPolicy: (client, bucket) => client.deleteBucketPolicy(bucket),
  PutBucketPublicAccessBlock: (client, bucket, params) => {
    if (typeof params.blockPublicAccess !== 'boolean') throw new InvalidArgument('blockPublicAccess must be a boolean');
    const xml = `${XML_HEADER}<PublicAccessBlockConfiguration>\n<BlockPublicAccess>${params.blockPublicAccess}</BlockPublicAccess>\n</PublicAccessBlockConfiguration>`;
    return sendXml(client, 'PUT', bucket, 'publicAccessBlock', xml);
  },
};

/** Every OSS action the connector calls: ListBuckets and the bucket APIs above. */
export const OSS_ACTIONS: ReadonlySet<string> = new Set(['ListBuckets', ...Object.keys(BUCKET_ACTIONS)]);

/**
 * Object Storage through `ali-oss` (OSS V1 signatures, `x-oss-security-token` for temporary credentials), one client
 * per bucket region; answers are the raw XML (GetBucketPolicy: JSON) text, empty for writes. Against an endpoint
 * override the client goes path-style, so every bucket is served from that one address.
 */
export class OssTransport {
  private readonly clients = new Map<string, OssBucketApi>();

  constructor(
    private readonly credentials: AlibabaCredentials,
    private readonly endpointOverride: Record<string, string> | undefined,
    private readonly retry: RetryPolicy,
    private readonly homeRegion: string,
  ) {}

  async call(action: string, region: string | null, params: Record<string, unknown>): Promise<CallOutcome<string>> {
    const client = this.client(region ?? this.homeRegion);
    const bucketCall = BUCKET_ACTIONS[action];
    let run: (() => Promise<RawAnswer>) | undefined;
    if (action === 'ListBuckets') run = () => client.listBuckets({ ...params });
    else if (bucketCall && typeof params.bucket === 'string') run = () => bucketCall(client, params.bucket as string, params);
    if (!run) return { error: { code: 'UnsupportedAction', message: `The OSS client does not call ${action}` } };
    const call = run;
    return withRetries(this.retry, async () => {
      const { res } = await call();
      const body = String(res.data ?? '');
      // Methods without success statuses (getBucketPolicy, putBucketVersioning) resolve on any status: an error body is still an error.
      if (res.status >= 300) throw ossError(res.status, body);
      return body;
    });
  }

  private client(region: string): OssBucketApi {
    let client = this.clients.get(region);
    if (!client) {
      const url = overrideFor(this.endpointOverride, 'oss');
      client = new OSS({
        accessKeyId: this.credentials.accessKeyId,
        accessKeySecret: this.credentials.accessKeySecret,
        ...(this.credentials.securityToken ? { stsToken: this.credentials.securityToken, refreshSTSTokenInterval: 3_600_000 } : {}),
        region: `oss-${region}`,
        secure: url ? url.protocol === 'https:' : true,
        timeout: 30_000,
        ...(url ? { endpoint: url.origin, sldEnable: true } : {}),
      } as OSS.Options) as unknown as OssBucketApi;
      this.clients.set(region, client);
    }
    return client;
  }
}

/** The error `ali-oss` would have thrown for an OSS `<Error><Code>…</Code><Message>…</Message></Error>` body. */
function ossError(status: number, body: string): Error & { code: string; status: number } {
  const field = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1];
  return Object.assign(new Error(field('Message') ?? `OSS answered ${status}`), { code: field('Code') ?? 'UnknownError', status });
}
