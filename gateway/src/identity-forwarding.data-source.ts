import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { IDENTITY_HEADER, injectTraceContext, signInternalIdentity } from '@rampart/platform';
import type { Identity } from '@rampart/platform';
import { TtlCache } from './auth/ttl-cache';
import type { GatewayContext } from './gateway-context';
import { gatewayMetrics } from './observability/gateway.metrics';

const FORWARDED_TTL_SECONDS = 300;
/** Forwarded identities are signed once per identity and reused until well before they expire. */
const signed = new TtlCache<string>(50_000);

export async function forwardedIdentity(identity: Identity, secret: string): Promise<string> {
  const key = JSON.stringify([identity.subject, identity.tenantId, identity.roles, identity.permissions, identity.via, identity.apiKeyId]);
  const cached = signed.get(key);
  if (cached) return cached;
  const token = await signInternalIdentity(identity, secret, FORWARDED_TTL_SECONDS);
  signed.set(key, token, Date.now() + (FORWARDED_TTL_SECONDS - 60) * 1000);
  return token;
}

type Fetcher = RemoteGraphQLDataSource<GatewayContext>['fetcher'];

/**
 * fetch with a deadline (the caller's abort signal still applies), counted and timed per subgraph, so
 * `/metrics` shows which subgraph was called and how it answered.
 */
function timedFetcher(subgraph: string, timeoutMs: number): Fetcher {
  return async (url, init = {}) => {
    const started = performance.now();
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init.signal instanceof AbortSignal ? AbortSignal.any([init.signal, deadline]) : deadline;
    try {
      const response = await fetch(url, { ...init, signal });
      gatewayMetrics.subgraphRequests.inc({ subgraph, outcome: response.ok ? 'ok' : 'http_error' });
      return response;
    } catch (error) {
      gatewayMetrics.subgraphRequests.inc({ subgraph, outcome: deadline.aborted ? 'timeout' : 'network_error' });
      throw error;
    } finally {
      gatewayMetrics.subgraphDuration.observe({ subgraph }, (performance.now() - started) / 1000);
    }
  };
}

/**
 * Calls one subgraph with the caller's identity, signed by the gateway for that hop, and the trace
 * context of the gateway's fetch span (W3C `traceparent`, with the request id in `baggage`). Nothing
 * the client sent is forwarded: only the headers set here reach a subgraph.
 */
export class IdentityForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(subgraph: string, url: string, private readonly internalSecret: string, timeoutMs: number) {
    super({ url, fetcher: timedFetcher(subgraph, timeoutMs) });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const headers = request.http?.headers;
    if (!headers) return;
    for (const [name, value] of Object.entries(injectTraceContext({}))) headers.set(name, value);
    const ctx = context as Partial<GatewayContext>;
    if (ctx.requestId) headers.set('x-request-id', ctx.requestId);
    if (!ctx.identity) return;
    ctx.forwardedIdentity ??= await forwardedIdentity(ctx.identity, this.internalSecret);
    headers.set(IDENTITY_HEADER, ctx.forwardedIdentity);
  }
}
