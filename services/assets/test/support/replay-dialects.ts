import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ACS3_AUTHORIZATION, expectedAcs3Signature, sha256Hex } from './acs3-signature';
import { expectedOssSignature, OSS_AUTHORIZATION } from './oss-signature';
import { expectedSlsSignature, expectedSlsV4Signature, SLS_AUTHORIZATION, SLS_V4_AUTHORIZATION } from './sls-signature';

/** What a signed request asks for, as the recording names it. `region` undefined: the request does not say (ROA, SLS). */
export interface IdentifiedRequest {
  product: string;
  action: string;
  region: string | null | undefined;
  params: Record<string, string>;
}

export interface SignedRequest extends IdentifiedRequest {
  accessKeyId: string;
  /** The security token the request carried, if any. */
  securityToken: string | undefined;
  /** The status a success is answered with when not 200 (OSS answers a DELETE with 204). */
  successStatus?: number;
  verify(secret: string): boolean;
}

export type Rejection = { status: number; code: string; message: string };

/** One signing and answering convention: the ACS3 RPC/ROA gateway, OSS, or SLS. */
export interface Dialect {
  name: 'acs3' | 'oss' | 'sls';
  identify(req: IncomingMessage, url: URL, body: Buffer): SignedRequest | Rejection;
  body(status: number, payload: unknown): { contentType: string; text: string };
  error(rejection: Rejection): { contentType: string; text: string };
  /** How this service refuses an unknown AccessKey, a wrong signature and a wrong or missing security token. */
  refusals: Record<'accessKey' | 'signature' | 'securityToken', Rejection>;
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return value === undefined ? undefined : String(value);
};
const json = (payload: unknown) => ({ contentType: 'application/json;charset=utf-8', text: JSON.stringify(payload) });
const equalSignatures = (a: string, b: string) => a.length === b.length && a === b;

/** ROA paths by action: the path parameters the SDK puts in the URL are recorded as params. */
const ROA_PATHS: Record<string, { pattern: RegExp; names: string[] }> = {
  DescribeClustersV1: { pattern: /^\/api\/v1\/clusters$/, names: [] },
  DescribeClusterDetail: { pattern: /^\/clusters\/([^/]+)$/, names: ['ClusterId'] },
};

export function acs3Dialect(productByVersion: ReadonlyMap<string, string>): Dialect {
  return {
    name: 'acs3',
    identify(req, url, body) {
      const match = ACS3_AUTHORIZATION.exec(header(req, 'authorization') ?? '');
      if (!match) return { status: 400, code: 'IncompleteSignature', message: 'The request signature does not conform to Aliyun standards.' };
      const [, accessKeyId, signedHeaders, signature] = match as unknown as [string, string, string, string];
      const action = header(req, 'x-acs-action') ?? '';
      const product = productByVersion.get(header(req, 'x-acs-version') ?? '') ?? 'Unknown';
      const params: Record<string, string> = {};
      let region: string | null | undefined = url.pathname === '/' ? null : undefined;
      for (const [key, value] of url.searchParams) {
        if (key === 'RegionId' || key === 'region_id') region = value;
        else params[key] = value;
      }
      if (String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
        for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params[key] = value;
      }
      if (url.pathname !== '/') {
        const route = ROA_PATHS[action];
        const path = route?.pattern.exec(url.pathname);
        if (!route || !path) return { status: 404, code: 'InvalidAction.NotFound', message: `No ROA route ${req.method} ${url.pathname} for ${action}` };
        route.names.forEach((name, i) => (params[name] = decodeURIComponent(path[i + 1]!)));
      }
      const payloadHash = sha256Hex(body);
      return {
        product, action, region, params, accessKeyId,
        securityToken: header(req, 'x-acs-security-token'),
        verify: (secret) =>
          header(req, 'x-acs-content-sha256') === payloadHash &&
          equalSignatures(
            expectedAcs3Signature(
              { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, signedHeaders: signedHeaders.split(';'), payloadHash },
              secret,
            ),
            signature,
          ),
      };
    },
    body: (_status, payload) => json(payload),
    error: ({ code, message }) => json({ RequestId: 'replay', Code: code, Message: message }),
    refusals: {
      accessKey: { status: 404, code: 'InvalidAccessKeyId.NotFound', message: 'Specified access key is not found.' },
      signature: { status: 400, code: 'SignatureDoesNotMatch', message: 'Specified signature is not matched with our calculation.' },
      securityToken: { status: 400, code: 'InvalidSecurityToken.MismatchWithAccessKey', message: 'Specified SecurityToken mismatch with the AccessKey.' },
    },
  };
}

/** OSS actions by method and the sub-resource of a bucket request. */
const OSS_SUB_RESOURCE_ACTIONS: Record<string, Record<string, string>> = {
  GET: {
    bucketInfo: 'GetBucketInfo', acl: 'GetBucketAcl', policy: 'GetBucketPolicy', logging: 'GetBucketLogging',
    encryption: 'GetBucketEncryption', versioning: 'GetBucketVersioning', publicAccessBlock: 'GetBucketPublicAccessBlock',
  },
  PUT: {
    acl: 'PutBucketAcl', policy: 'PutBucketPolicy', logging: 'PutBucketLogging', encryption: 'PutBucketEncryption',
    versioning: 'PutBucketVersioning', publicAccessBlock: 'PutBucketPublicAccessBlock',
  },
  DELETE: { policy: 'DeleteBucketPolicy', logging: 'DeleteBucketLogging', encryption: 'DeleteBucketEncryption' },
};

/** `x-oss-*` headers that sign or route a request rather than carry an API argument (as `x-oss-acl` does). */
const OSS_TRANSPORT_HEADERS: ReadonlySet<string> = new Set(['x-oss-date', 'x-oss-security-token', 'x-oss-user-agent', 'x-oss-content-sha256']);

const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * `ali-oss` against an IP endpoint: path-style (`/<bucket>/?acl`), with the virtual host it would have used in the Host
 * header (`<bucket>.oss-<region>.aliyuncs.com`), which names the bucket's region. A write names its arguments in
 * params as sent: the bucket, its `x-oss-*` argument headers and its `body` (whose Content-MD5, when sent, must match).
 * OSS answers a DELETE with 204.
 */
export const ossDialect: Dialect = {
  name: 'oss',
  identify(req, url, body) {
    const match = OSS_AUTHORIZATION.exec(header(req, 'authorization') ?? '');
    if (!match) return { status: 403, code: 'AccessDenied', message: 'Authorization header is invalid.' };
    const [, accessKeyId, signature] = match as unknown as [string, string, string];
    const [bucket = '', ...objectParts] = url.pathname.slice(1).split('/');
    const object = objectParts.join('/');
    const method = req.method ?? 'GET';
    const actions = OSS_SUB_RESOURCE_ACTIONS[method] ?? {};
    const params: Record<string, string> = {};
    let action: string | undefined;
    for (const [key, value] of url.searchParams) {
      if (actions[key] && value === '') action = actions[key];
      else params[key] = value;
    }
    let region: string | null | undefined = null;
    if (bucket === '') {
      action = method === 'GET' ? 'ListBuckets' : undefined;
    } else {
      params.bucket = bucket;
      region = /^[^.]+\.oss-([a-z0-9-]+)\.aliyuncs\.com/.exec(header(req, 'host') ?? '')?.[1];
    }
    if (!action || object !== '') {
      return { status: 405, code: 'MethodNotAllowed', message: `The replay does not serve ${method} ${url.pathname}${url.search}` };
    }
    for (const name of Object.keys(req.headers)) {
      if (name.startsWith('x-oss-') && !OSS_TRANSPORT_HEADERS.has(name)) params[name] = header(req, name)!;
    }
    if (body.length > 0) params.body = body.toString('utf8');
    const contentMd5 = header(req, 'content-md5');
    if (contentMd5 !== undefined && contentMd5 !== createHash('md5').update(body).digest('base64')) {
      return { status: 400, code: 'InvalidDigest', message: 'The Content-MD5 you specified is not valid.' };
    }
    return {
      product: 'Oss', action, region, params, accessKeyId,
      securityToken: header(req, 'x-oss-security-token'),
      ...(method === 'DELETE' ? { successStatus: 204 } : {}),
      verify: (secret) =>
        equalSignatures(expectedOssSignature({ method, headers: req.headers, bucket: bucket || null, object, query: url.searchParams }, secret), signature),
    };
  },
  body: (status, payload) =>
    status === 204 ? { contentType: 'application/xml', text: '' } : typeof payload === 'string'
      ? { contentType: payload.trimStart().startsWith('<') ? 'application/xml' : 'application/json', text: payload }
      : json(payload),
  error: ({ code, message }) => ({
    contentType: 'application/xml',
    text: `<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>${xmlEscape(code)}</Code>\n  <Message>${xmlEscape(message)}</Message>\n  <RequestId>replay</RequestId>\n  <HostId>replay</HostId>\n</Error>\n`,
  }),
  refusals: {
    accessKey: { status: 403, code: 'InvalidAccessKeyId', message: 'The OSS Access Key Id you provided does not exist in our records.' },
    signature: { status: 403, code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided.' },
    securityToken: { status: 403, code: 'InvalidSecurityToken', message: 'The security token you provided is invalid.' },
  },
};

/** SLS actions by path; the project is the first label of the Host header (`<project>.<endpoint>`). */
const SLS_ROUTES: Array<{ pattern: RegExp; action: string; names: string[]; project: boolean }> = [
  { pattern: /^\/$/, action: 'ListProject', names: [], project: false },
  { pattern: /^\/logstores$/, action: 'ListLogStores', names: [], project: true },
  { pattern: /^\/logstores\/([^/]+)$/, action: 'GetLogStore', names: ['logstore'], project: true },
  { pattern: /^\/alerts$/, action: 'ListAlerts', names: [], project: true },
];

export function slsDialect(endpointHost: string): Dialect {
  return {
    name: 'sls',
    identify(req, url) {
      const authorization = header(req, 'authorization') ?? '';
      const v1 = SLS_AUTHORIZATION.exec(authorization);
      const v4 = SLS_V4_AUTHORIZATION.exec(authorization);
      if (!v1 && !v4) return { status: 401, code: 'Unauthorized', message: 'The Authorization header is invalid.' };
      const [, accessKeyId, signature] = (v1 ?? [v4![0], v4![1], v4![4]]) as unknown as [string, string, string];
      const [day, region] = v4 ? [v4[2]!, v4[3]!] : [undefined, undefined];
      const host = header(req, 'host') ?? '';
      const project = host.endsWith(`.${endpointHost}`) ? host.slice(0, -endpointHost.length - 1) : null;
      const route = req.method === 'GET' ? SLS_ROUTES.find((r) => r.pattern.test(url.pathname) && r.project === (project !== null)) : undefined;
      if (!route) return { status: 404, code: 'InvalidAction', message: `The replay does not serve ${req.method} ${host}${url.pathname}` };
      const params: Record<string, string> = Object.fromEntries(url.searchParams);
      if (project !== null) params.project = project;
      const path = route.pattern.exec(url.pathname)!;
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(path[i + 1]!)));
      const signed = { method: req.method ?? 'GET', headers: req.headers, path: url.pathname, query: url.searchParams };
      return {
        // Only the V4 signature names the region (in its scope); a V1 request matches the recording in any region.
        product: 'Sls', action: route.action, region, params, accessKeyId,
        securityToken: header(req, 'x-acs-security-token'),
        verify: (secret) =>
          day !== undefined && region !== undefined
            ? equalSignatures(expectedSlsV4Signature({ ...signed, day, region }, secret), signature)
            : header(req, 'x-log-signaturemethod') === 'hmac-sha256' && equalSignatures(expectedSlsSignature(signed, secret), signature),
      };
    },
    body: (_status, payload) => json(payload),
    error: ({ code, message }) => json({ errorCode: code, errorMessage: message }),
    refusals: {
      accessKey: { status: 401, code: 'Unauthorized', message: 'AccessKeyId not found.' },
      signature: { status: 401, code: 'SignatureNotMatch', message: 'signature is not matched.' },
      securityToken: { status: 401, code: 'SecurityTokenInvalid', message: 'The security token is invalid.' },
    },
  };
}
