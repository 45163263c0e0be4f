import { createHash, createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The SLS signature `@alicloud/gateway-sls` sends by default (`Authorization: LOG <AccessKeyId>:<signature>`,
 * `x-log-signaturemethod: hmac-sha256`): HMAC-SHA256 over the method, Content-MD5, Content-Type, Date, the sorted
 * `x-log-*`/`x-acs-*` headers (the security token among them) and the path with its sorted, unencoded query.
 */
export function expectedSlsSignature(
  request: { method: string; headers: IncomingMessage['headers']; path: string; query: URLSearchParams },
  secret: string,
): string {
  const header = (name: string) => String(request.headers[name] ?? '');
  const signedHeaders = Object.keys(request.headers)
    .filter((name) => name.includes('x-log-') || name.includes('x-acs-'))
    .sort()
    .map((name) => `${name}:${header(name)}\n`)
    .join('');
  const query = [...request.query.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const resource = `${request.path}${query.length > 0 ? `?${query.map(([key, value]) => `${key}=${value}`).join('&')}` : ''}`;
  const stringToSign = `${request.method}\n${header('content-md5')}\n${header('content-type')}\n${header('date')}\n${signedHeaders}${resource}`;
  return createHmac('sha256', secret).update(stringToSign).digest('base64');
}

export const SLS_AUTHORIZATION = /^LOG ([^:]+):(.+)$/;

const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * The SLS V4 signature (`SLS4-HMAC-SHA256 Credential=<AccessKeyId>/<yyyymmdd>/<region>/sls/aliyun_v4_request`): a
 * canonical request over method, path, sorted encoded query, the signed headers (`host`, `content-type`, `x-log-*`,
 * `x-acs-*`) and the body hash, signed with a key derived from the secret, day, region and service.
 */
export function expectedSlsV4Signature(
  request: { method: string; headers: IncomingMessage['headers']; path: string; query: URLSearchParams; day: string; region: string },
  secret: string,
): string {
  const header = (name: string) => String(request.headers[name] ?? '');
  const signed = Object.keys(request.headers)
    .filter((name) => name.startsWith('x-log-') || name.startsWith('x-acs-') || name === 'host' || name === 'content-type')
    .sort();
  const query = [...request.query.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => (value === '' ? key : `${key}=${encodeURIComponent(value).replace('*', '%2A')}`))
    .join('&');
  const headers = signed.map((name) => `${name}:${header(name).trim()}\n`).join('');
  const canonical = `${request.method}\n${request.path || '/'}\n${query}\n${headers}\n${signed.join(';')}\n${header('x-log-content-sha256')}`;
  const scope = `${request.day}/${request.region}/sls/aliyun_v4_request`;
  const stringToSign = `SLS4-HMAC-SHA256\n${header('x-log-date')}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`;
  const key = hmac(hmac(hmac(hmac(`aliyun_v4${secret}`, request.day), request.region), 'sls'), 'aliyun_v4_request');
  return hmac(key, stringToSign).toString('hex');
}

export const SLS_V4_AUTHORIZATION = /^SLS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([a-z0-9-]+)\/sls\/aliyun_v4_request,Signature=([0-9a-f]+)$/;
