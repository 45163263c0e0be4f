import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AlibabaSnapshot, SnapshotCall } from '../../src/inventory/snapshot.schema';

/**
 * A stand-in for the Alibaba Cloud RPC endpoints that replays a recorded snapshot to the real SDK:
 * it recomputes the ACS3-HMAC-SHA256 signature `@alicloud/openapi-client` 0.4 sends (Authorization
 * header over method, path, query, `x-acs-*`/host/content-type headers and the body hash) with the
 * known secret, answers 400 SignatureDoesNotMatch when it differs, and otherwise answers the recorded
 * body of the matching (product, action, region, params) — or its recorded error with a fitting status.
 */
export interface ReplayOptions {
  accessKeyId: string;
  accessKeySecret: string;
  /** Answer the first N requests of an action with 400 Throttling.User, to exercise retries. */
  throttle?: Record<string, number>;
}

export interface ReplayServer {
  url: string;
  /** Requests received, by action, including throttled and rejected ones. */
  requests: Array<{ product: string; action: string; region: string | null; params: Record<string, string>; status: number }>;
  close(): Promise<void>;
}

const encode = (value: string) =>
  encodeURIComponent(value).replace(/!/g, '%21').replace(/'/g, '%27').replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\*/g, '%2A');

function canonicalParams(params: Record<string, unknown>): string {
  return Object.keys(params)
    .sort()
    .map((key) => {
      const value = params[key];
      return `${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`;
    })
    .join('&');
}

const keyOf = (product: string, action: string, region: string | null, params: Record<string, unknown>) =>
  `${product.toLowerCase()}|${action}|${region ?? ''}|${canonicalParams(params)}`;

/** The HTTP status Alibaba answers an error code with. */
export function statusOfError(code: string): number {
  if (code.startsWith('Forbidden') || code.startsWith('NoPermission') || code === 'AccessDenied') return 403;
  if (code.startsWith('EntityNotExist') || code.startsWith('NoSuch') || code.includes('NotFound')) return 404;
  if (code === 'ServiceUnavailable') return 503;
  if (code === 'InternalError') return 500;
  return 400;
}

export function expectedAcs3Signature(request: {
  method: string; path: string; query: URLSearchParams; headers: IncomingMessage['headers']; signedHeaders: string[]; payloadHash: string;
}, secret: string): string {
  const query = [...request.query.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${encode(value)}`)
    .join('&');
  const headers = request.signedHeaders.map((name) => `${name}:${String(request.headers[name] ?? '').trim()}\n`).join('');
  const canonical = [request.method, request.path, query, headers, request.signedHeaders.join(';'), request.payloadHash].join('\n');
  const stringToSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonical).digest('hex')}`;
  return createHmac('sha256', secret).update(stringToSign).digest('hex');
}

export async function startAlibabaReplayServer(snapshot: AlibabaSnapshot, options: ReplayOptions): Promise<ReplayServer> {
  const recorded = new Map<string, SnapshotCall>();
  const productByVersion = new Map<string, string>();
  for (const call of snapshot.calls) {
    recorded.set(keyOf(call.product, call.action, call.region, call.params), call);
    if (call.version) productByVersion.set(call.version, call.product);
  }
  const throttled = new Map(Object.entries(options.throttle ?? {}));
  const requests: ReplayServer['requests'] = [];

  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://replay');
    const version = String(req.headers['x-acs-version'] ?? '');
    const action = String(req.headers['x-acs-action'] ?? '');
    const product = productByVersion.get(version) ?? 'Unknown';
    const params: Record<string, string> = {};
    for (const [key, value] of url.searchParams) if (key !== 'RegionId') params[key] = value;
    const region = url.searchParams.get('RegionId');
    const answer = (status: number, payload: unknown) => {
      requests.push({ product, action, region, params, status });
      res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
      res.end(JSON.stringify(payload));
    };
    const fail = (status: number, code: string, message: string) => answer(status, { RequestId: 'replay', Code: code, Message: message });

    const authorization = String(req.headers.authorization ?? '');
    const match = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]+)$/.exec(authorization);
    if (!match) return fail(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
    const [, accessKeyId, signedHeaders, signature] = match as unknown as [string, string, string, string];
    if (accessKeyId !== options.accessKeyId) return fail(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    const payloadHash = createHash('sha256').update(body).digest('hex');
    if (req.headers['x-acs-content-sha256'] !== payloadHash) return fail(400, 'SignatureDoesNotMatch', 'The request body hash does not match.');
    const expected = expectedAcs3Signature(
      { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, signedHeaders: signedHeaders.split(';'), payloadHash },
      options.accessKeySecret,
    );
    if (expected.length !== signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
      return fail(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
    }
    const remaining = throttled.get(action) ?? 0;
    if (remaining > 0) {
      throttled.set(action, remaining - 1);
      return fail(400, 'Throttling.User', 'Request was denied due to user flow control.');
    }
    const call = recorded.get(keyOf(product, action, region, params));
    if (!call) return fail(404, 'InvalidAction.NotRecorded', `No recorded ${product} ${action} in ${region ?? 'global'} with ${canonicalParams(params)}`);
    if (call.error) return fail(statusOfError(call.error.code), call.error.code, call.error.message);
    return answer(200, call.response);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
