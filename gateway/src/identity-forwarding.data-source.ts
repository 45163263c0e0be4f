import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { IDENTITY_HEADER, signInternalIdentity } from '@rampart/platform';
import type { GatewayContext } from './gateway-context';

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
    ctx.forwardedIdentity ??= await signInternalIdentity(ctx.identity, this.internalSecret);
    request.http?.headers.set(IDENTITY_HEADER, ctx.forwardedIdentity);
  }
}
