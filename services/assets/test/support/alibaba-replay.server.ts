import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenApiUtil from '@alicloud/openapi-util';
import type { AlibabaSnapshot, SnapshotCall } from '../../src/inventory/snapshot.schema';
import { resolveLocalSubdomains } from './local-subdomains';
import { acs3Dialect, ossDialect, slsDialect, type Dialect, type IdentifiedRequest, type Rejection } from './replay-dialects';

export { expectedAcs3Signature } from './acs3-signature';

/**
 * A stand-in for the Alibaba Cloud endpoints that replays a recorded snapshot to the real SDKs. It verifies each
 * request's signature with the known secret — ACS3-HMAC-SHA256 from `@alicloud/openapi-client`/`openapi-core` (RPC and
 * ROA: Ecs, Ram, Cs…), OSS V1 from `ali-oss`, the SLS V4 (`SLS4-HMAC-SHA256`) and V1 (`LOG`) signatures from
 * `@alicloud/gateway-sls` — and the security token of temporary credentials, refuses what does not match the way that
 * service does, and otherwise answers the recorded body of the matching (product, action, region, params), or its
 * recorded error with a fitting status. Requests that do not name their region (ROA paths, SLS V1) match any region.
 */
export interface ReplayOptions {
  accessKeyId: string;
  accessKeySecret: string;
  /** Answer the first N requests of an action with Throttling.User, to exercise retries. */
  throttle?: Record<string, number>;
  /**
   * Serve Sts AssumeRole for this role, signed with the pair above, issuing these temporary credentials. The pair above
   * may then call nothing else (a principal allowed only to assume the role); the temporary AccessKey must come with
   * its security token.
   */
  assumeRole?: { roleArn: string; accessKeyId: string; accessKeySecret: string; securityToken: string };
  /**
   * Answers a signed request before the recording does (a fix's writes, a read of the state they left); undefined
   * falls through to the recording. Every request is still logged in `requests`.
   */
  writes?: (request: IdentifiedRequest) => { response: unknown } | { error: { code: string; message: string } } | undefined;
}

export interface ReplayServer {
  url: string;
  /** Requests received, in arrival order, including throttled and rejected ones. */
  requests: Array<{
    product: string; action: string; region: string | null; params: Record<string, string>; status: number; accessKeyId: string | null;
  }>;
  close(): Promise<void>;
}

/** The HTTP status Alibaba answers an error code with. */
export function statusOfError(code: string): number {
  if (code.startsWith('Forbidden') || code.startsWith('NoPermission') || code === 'AccessDenied') return 403;
  if (code.startsWith('EntityNotExist') || code.startsWith('NoSuch') || code.includes('NotFound')) return 404;
  if (code === 'ServiceUnavailable') return 503;
  if (code === 'InternalError') return 500;
  return 400;
}

function canonicalParams(params: Record<string, unknown>): string {
  const flat = OpenApiUtil.query(params) as Record<string, string>;
  return Object.keys(flat).sort().map((key) => `${key}=${flat[key]}`).join('&');
}

/** Recorded calls by (product, action, region, params); requests that do not name their region match any region. */
class Recording {
  private readonly exact = new Map<string, SnapshotCall>();
  private readonly anyRegion = new Map<string, SnapshotCall>();
  readonly productByVersion = new Map<string, string>();

  constructor(snapshot: AlibabaSnapshot) {
    for (const call of snapshot.calls) {
      const params = canonicalParams(call.params);
      this.exact.set(`${call.product.toLowerCase()}|${call.action}|${call.region ?? ''}|${params}`, call);
      this.anyRegion.set(`${call.product.toLowerCase()}|${call.action}|${params}`, call);
      if (call.version) this.productByVersion.set(call.version, call.product);
    }
  }

  find(request: IdentifiedRequest): SnapshotCall | undefined {
    const params = canonicalParams(request.params);
    const product = request.product.toLowerCase();
    return request.region === undefined
      ? this.anyRegion.get(`${product}|${request.action}|${params}`)
      : this.exact.get(`${product}|${request.action}|${request.region ?? ''}|${params}`);
  }
}

interface Principal {
  secret: string;
  securityToken: string | undefined;
  /** Actions this principal may call; undefined: any. */
  allowed?: ReadonlySet<string>;
}

export async function startAlibabaReplayServer(snapshot: AlibabaSnapshot, options: ReplayOptions): Promise<ReplayServer> {
  const recording = new Recording(snapshot);
  const throttled = new Map(Object.entries(options.throttle ?? {}));
  const requests: ReplayServer['requests'] = [];
  const principals = new Map<string, Principal>([[options.accessKeyId, { secret: options.accessKeySecret, securityToken: undefined }]]);
  if (options.assumeRole) {
    principals.set(options.accessKeyId, { secret: options.accessKeySecret, securityToken: undefined, allowed: new Set(['AssumeRole']) });
    principals.set(options.assumeRole.accessKeyId, { secret: options.assumeRole.accessKeySecret, securityToken: options.assumeRole.securityToken });
  }
  const server: Server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const endpointHost = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const acs3 = acs3Dialect(recording.productByVersion);
  const oss = ossDialect;
  const sls = slsDialect(endpointHost);

  const dialectOf = (req: IncomingMessage): Dialect => {
    const authorization = String(req.headers.authorization ?? '');
    return authorization.startsWith('OSS ') ? oss : authorization.startsWith('LOG ') || authorization.startsWith('SLS4-') ? sls : acs3;
  };

  /** The answer to a request whose signature and credentials check out: recorded, issued by AssumeRole, or refused. */
  const answerOf = (request: IdentifiedRequest): { status: number; payload: unknown } | Rejection => {
    const remaining = throttled.get(request.action) ?? 0;
    if (remaining > 0) {
      throttled.set(request.action, remaining - 1);
      return { status: 400, code: 'Throttling.User', message: 'Request was denied due to user flow control.' };
    }
    const written = options.writes?.(request);
    if (written) {
      return 'error' in written
        ? { status: statusOfError(written.error.code), code: written.error.code, message: written.error.message }
        : { status: 200, payload: written.response };
    }
    if (request.product === 'Sts' && request.action === 'AssumeRole' && options.assumeRole) {
      const role = options.assumeRole;
      if (request.params.RoleArn !== role.roleArn) return { status: 404, code: 'EntityNotExist.Role', message: `The role ${request.params.RoleArn} does not exist.` };
      return {
        status: 200,
        payload: {
          RequestId: 'replay',
          AssumedRoleUser: { Arn: `${role.roleArn}/${request.params.RoleSessionName}`, AssumedRoleId: `3000:${request.params.RoleSessionName}` },
          Credentials: {
            AccessKeyId: role.accessKeyId, AccessKeySecret: role.accessKeySecret, SecurityToken: role.securityToken,
            Expiration: new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
          },
        },
      };
    }
    const call = recording.find(request);
    if (!call) {
      return {
        status: 404, code: 'InvalidAction.NotRecorded',
        message: `No recorded ${request.product} ${request.action} in ${request.region ?? 'global'} with ${canonicalParams(request.params)}`,
      };
    }
    if (call.error) return { status: statusOfError(call.error.code), code: call.error.code, message: call.error.message };
    return { status: 200, payload: call.response };
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://replay');
    const dialect = dialectOf(req);
    const identified = dialect.identify(req, url, body);
    const reply = (status: number, request: IdentifiedRequest | null, accessKeyId: string | null, content: { contentType: string; text: string }) => {
      requests.push({
        product: request?.product ?? 'Unknown', action: request?.action ?? 'Unknown', region: request?.region ?? null,
        params: request?.params ?? {}, status, accessKeyId,
      });
      res.writeHead(status, { 'content-type': content.contentType, 'x-log-requestid': 'replay', 'x-oss-request-id': 'replay' });
      res.end(content.text);
    };
    if ('code' in identified) return reply(identified.status, null, null, dialect.error(identified));
    const refuse = (rejection: Rejection) => reply(rejection.status, identified, identified.accessKeyId, dialect.error(rejection));
    const principal = principals.get(identified.accessKeyId);
    if (!principal) return refuse(dialect.refusals.accessKey);
    if (!identified.verify(principal.secret)) return refuse(dialect.refusals.signature);
    if (identified.securityToken !== principal.securityToken) return refuse(dialect.refusals.securityToken);
    if (principal.allowed && !principal.allowed.has(identified.action)) {
      return refuse({ status: 403, code: 'Forbidden.RAM', message: `User not authorized to operate on the specified resource: ${identified.action}.` });
    }
    const answer = answerOf(identified);
    if ('code' in answer) return refuse(answer);
    const status = answer.status === 200 ? identified.successStatus ?? 200 : answer.status;
    return reply(status, identified, identified.accessKeyId, dialect.body(status, answer.payload));
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  const releaseSubdomains = resolveLocalSubdomains();
  return {
    url: `http://${endpointHost}`,
    requests,
    close: () => {
      releaseSubdomains();
      return new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    },
  };
}
