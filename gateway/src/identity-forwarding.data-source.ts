import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { IDENTITY_HEADER, signInternalIdentity } from '@rampart/platform';
import type { Identity } from '@rampart/platform';
import { TtlCache } from './auth/ttl-cache';
import type { GatewayContext } from './gateway-context';

const FORWARDED_TTL_SECONDS = 300;
/** Forwarded identities are signed once per identity and reused until well before they expire. */
const signed = new TtlCache<string>(50_000);

async function forwardedIdentity(identity: Identity, secret: string): Promise<string> {
  const key = JSON.stringify([identity.subject, identity.tenantId, identity.roles, identity.permissions, identity.via, identity.apiKeyId]);
  const cached = signed.get(key);
  if (cached) return cached;
  const token = await signInternalIdentity(identity, secret, FORWARDED_TTL_SECONDS);
  signed.set(`${key}`, token, Date.now() + (FORWARDED_TTL_SECONDS - 60) * 1000);
  return token;
}

/**
 * Calls one subgraph with the caller's identity, signed by the gateway for that hop. Nothing the
 * client sent is forwarded: only the headers set here reach a subgraph.
 */
export class IdentityForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, private readonly internalSecret: string, timeoutMs: number) {
    super({
      url,
      fetcher: ((input: string, init?: RequestInit) =>
        fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as unknown as ConstructorParameters<
        typeof RemoteGraphQLDataSource
      >[0] extends infer O
        ? O extends { fetcher?: infer F }
          ? F
          : never
        : never,
    });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const ctx = context as Partial<GatewayContext>;
    if (!ctx.identity) return;
    ctx.forwardedIdentity ??= await forwardedIdentity(ctx.identity, this.internalSecret);
    request.http?.headers.set(IDENTITY_HEADER, ctx.forwardedIdentity);
  }
}
