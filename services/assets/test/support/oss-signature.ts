import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Query keys OSS signs as sub-resources (the rest, e.g. `max-keys` or `marker`, are left out of the signature). */
const SUB_RESOURCES: ReadonlySet<string> = new Set([
  'acl', 'bucketInfo', 'policy', 'logging', 'encryption', 'versioning', 'location', 'lifecycle', 'website', 'referer', 'cors',
  'tagging', 'worm', 'inventory', 'stat', 'requestPayment', 'policyStatus', 'publicAccessBlock', 'resourceGroup',
]);

/**
 * The OSS V1 signature `ali-oss` sends (`Authorization: OSS <AccessKeyId>:<signature>`): HMAC-SHA1 over the verb,
 * Content-MD5, Content-Type, the date (x-oss-date when present), the sorted `x-oss-*` headers and the resource
 * `/<bucket>/<object>?<sub-resources>`.
 */
export function expectedOssSignature(
  request: { method: string; headers: IncomingMessage['headers']; bucket: string | null; object: string; query: URLSearchParams },
  secret: string,
): string {
  const header = (name: string) => String(request.headers[name] ?? '');
  const ossHeaders = Object.keys(request.headers)
    .filter((name) => name.startsWith('x-oss-'))
    .sort()
    .map((name) => `${name}:${header(name).trim()}`);
  const subResources = [...request.query.entries()]
    .filter(([key]) => SUB_RESOURCES.has(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => (value === '' ? key : `${key}=${value}`));
  const resource = `/${request.bucket ? `${request.bucket}/` : ''}${request.object}${subResources.length > 0 ? `?${subResources.join('&')}` : ''}`;
  const canonical = [
    request.method, header('content-md5'), header('content-type'), request.headers['x-oss-date'] ?? header('date'), ...ossHeaders, resource,
  ].join('\n');
  return createHmac('sha1', secret).update(Buffer.from(canonical, 'utf8')).digest('base64');
}

export const OSS_AUTHORIZATION = /^OSS ([^:]+):(.+)$/;
