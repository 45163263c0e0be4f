import { createHash, createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const encode = (value: string) =>
  encodeURIComponent(value).replace(/!/g, '%21').replace(/'/g, '%27').replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\*/g, '%2A');

export interface Acs3Request {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  signedHeaders: string[];
  payloadHash: string;
}

/**
 * The ACS3-HMAC-SHA256 signature `@alicloud/openapi-client` 0.4 and `@alicloud/openapi-core` 1.x send for RPC and ROA
 * calls alike: HMAC-SHA256 over method, path, sorted query, the signed headers and the body hash.
 */
export function expectedAcs3Signature(request: Acs3Request, secret: string): string {
  const query = [...request.query.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${encode(value)}`)
    .join('&');
  const headers = request.signedHeaders.map((name) => `${name}:${String(request.headers[name] ?? '').trim()}\n`).join('');
  const canonical = [request.method, request.path, query, headers, request.signedHeaders.join(';'), request.payloadHash].join('\n');
  const stringToSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonical).digest('hex')}`;
  return createHmac('sha256', secret).update(stringToSign).digest('hex');
}

export const ACS3_AUTHORIZATION = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]+)$/;

export const sha256Hex = (body: Buffer) => createHash('sha256').update(body).digest('hex');
