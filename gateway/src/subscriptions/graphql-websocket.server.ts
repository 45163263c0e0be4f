import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { trace, SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import { CloseCode, type Context } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  GraphQLError,
  getOperationAST,
  NoSchemaIntrospectionCustomRule,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { formatError, RampartError, type Identity, type Logger } from '@rampart/platform';
import type { PresentedCredentials, RequestAuthenticator } from '../auth/request-authenticator';
import type { OperationGuard } from '../limits/operation-limits';
import type { TokenBucketRateLimiter } from '../limits/token-bucket.rate-limiter';
import { gatewayMetrics } from '../observability/gateway.metrics';
import type { SubscriptionContext } from './scan-progress.schema';
import { subscribeWithSharedResults } from './shared-event-execution';

/** What a connection keeps after `connectionInit`: the credentials (re-checked per subscribe) and who they proved. */
type ConnectionState = {
  credentials?: PresentedCredentials;
  identity?: Identity;
  spans?: Map<string, Span>;
  expiry?: NodeJS.Timeout;
};
type ConnectionContext = Context<Record<string, unknown>, Extra & Partial<ConnectionState>>;

export interface GraphQLWebSocketOptions {
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  authenticator: RequestAuthenticator;
  rateLimiter: TokenBucketRateLimiter;
  guard: OperationGuard;
  production: boolean;
  logger: Logger;
}

export interface RunningGraphQLWebSocket {
  /** Closes every connection opened with this API key (it was revoked). */
  closeConnectionsOfApiKey(apiKeyId: string): number;
  close(): Promise<void>;
}

const MAX_SUBSCRIPTIONS_PER_CONNECTION = 100;
/** Validated documents by query text: a thousand clients sending the same subscription parse and validate it once. */
const DOCUMENT_CACHE_SIZE = 500;
/** A subscribe message is small; anything bigger is refused by `ws` before we parse it. */
const MAX_MESSAGE_BYTES = 256 * 1024;
const tracer = trace.getTracer('@rampart/gateway');

function stringParam(params: Readonly<Record<string, unknown>> | undefined, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = params?.[name];
    if (typeof value === 'string' && value.length > 0) return value;
  }
  return undefined;
}


/** A subscription that could not start: graphql returns `{ errors }` instead of an event stream. */
function isFailedResult(result: unknown): boolean {
  return typeof result === 'object' && result !== null && !(Symbol.asyncIterator in result) && 'errors' in result;
}

/**
 * graphql-transport-ws on the gateway's HTTP server and path. Authenticated in `connectionInit`
 * (`{ authorization: 'Bearer …' }` or `{ 'x-api-key': … }`), with the credentials checked again for each
 * subscribe (so a revoked key or an expired token opens nothing new), the HTTP rate limits, and the
 * same depth, cost, alias, token and directive limits as HTTP.
 */
export function serveGraphQLOverWebSocket(options: GraphQLWebSocketOptions): RunningGraphQLWebSocket {
  const { authenticator, rateLimiter, guard, logger, schema } = options;
  const webSockets = new WebSocketServer({ server: options.httpServer, path: options.path, maxPayload: MAX_MESSAGE_BYTES });
  const byApiKey = new Map<string, Set<WebSocket>>();
  const rules = [...specifiedRules, ...guard.validationRules, ...(options.production ? [NoSchemaIntrospectionCustomRule] : [])];

  const format = (error: GraphQLError): GraphQLFormattedError => {
    const formatted = formatError(error.toJSON(), error, (hidden) => logger.error({ err: hidden }, 'unexpected error in a subscription'));
    return { ...formatted, message: guard.maskSuggestions(formatted.message) };
  };
  const refuse = (message: string, code: string, extensions: Record<string, unknown> = {}) => [
    new GraphQLError(message, { extensions: { code, ...extensions } }),
  ];
  const documents = new Map<string, DocumentNode>();
  /** Parses and validates with the HTTP limits; valid documents are kept (and shared) by their text. */
  const documentOf = (query: string): DocumentNode | GraphQLError[] => {
    const cached = documents.get(query);
    if (cached) return cached;
    let document: DocumentNode;
    try {
      document = guard.parse(query);
    } catch (error) {
      // As on HTTP (Apollo's GRAPHQL_PARSE_FAILED): syntax errors and the token limit are the caller's input.
      return refuse(error instanceof GraphQLError ? error.message : 'Could not parse the operation', 'BAD_USER_INPUT');
    }
    const errors = validate(schema, document, rules);
    if (errors.length > 0) return [...errors];
    if (documents.size >= DOCUMENT_CACHE_SIZE) documents.delete(documents.keys().next().value as string);
    documents.set(query, document);
    return document;
  };

  const server = useServer<Record<string, unknown>, ConnectionState>(
    {
      schema,
      subscribe: subscribeWithSharedResults,
      connectionInitWaitTimeout: 10_000,
      onConnect: async (ctx: ConnectionContext) => {
        const credentials: PresentedCredentials = {
          authorization: stringParam(ctx.connectionParams, 'authorization', 'Authorization'),
          apiKey: stringParam(ctx.connectionParams, 'x-api-key', 'X-Api-Key', 'apiKey'),
        };
        try {
          const identity = await authenticator.authenticate(credentials);
          ctx.extra.credentials = credentials;
          ctx.extra.identity = identity;
          ctx.extra.spans = new Map();
          if (identity.expiresAt !== undefined) {
            // A live subscription must not outlast the token that opened it.
            const socket = ctx.extra.socket;
            ctx.extra.expiry = setTimeout(() => socket.close(CloseCode.Unauthorized, 'Token expired'), Math.max(0, identity.expiresAt - Date.now()));
            ctx.extra.expiry.unref();
          }
          if (identity.apiKeyId) {
            const sockets = byApiKey.get(identity.apiKeyId) ?? new Set<WebSocket>();
            sockets.add(ctx.extra.socket);
            byApiKey.set(identity.apiKeyId, sockets);
          }
          gatewayMetrics.webSocketConnections.inc();
          logger.debug({ tenantId: identity.tenantId, via: identity.via, apiKeyId: identity.apiKeyId }, 'websocket connected');
          return true;
        } catch (error) {
          if (!(error instanceof RampartError)) throw error;
          gatewayMetrics.authenticationFailures.inc({ transport: 'websocket' });
          ctx.extra.socket.close(CloseCode.Unauthorized, error.message);
          return false;
        }
      },
      onClose: (ctx: ConnectionContext) => {
        clearTimeout(ctx.extra.expiry);
        const identity = ctx.extra.identity;
        if (!identity) return;
        gatewayMetrics.webSocketConnections.dec();
        if (identity.apiKeyId) {
          const sockets = byApiKey.get(identity.apiKeyId);
          sockets?.delete(ctx.extra.socket);
          if (sockets?.size === 0) byApiKey.delete(identity.apiKeyId);
        }
        for (const span of ctx.extra.spans?.values() ?? []) span.end();
      },
      onSubscribe: async (ctx: ConnectionContext, id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> => {
        const requestId = randomUUID();
        const span = tracer.startSpan(`graphql subscription ${payload.operationName ?? '(anonymous)'}`, {
          kind: SpanKind.SERVER,
          attributes: { 'rampart.request_id': requestId, 'graphql.operation.type': 'subscription' },
        });
        ctx.extra.spans?.set(id, span);
        const refused = (errors: GraphQLError[]) => {
          span.setStatus({ code: SpanStatusCode.ERROR, message: errors[0]?.message });
          span.end();
          ctx.extra.spans?.delete(id);
          return errors;
        };
        if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          return refused(refuse(`At most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection`, 'BAD_USER_INPUT'));
        }
        let identity: Identity;
        try {
          identity = await authenticator.authenticate(ctx.extra.credentials ?? {});
        } catch (error) {
          if (!(error instanceof RampartError)) throw error;
          gatewayMetrics.authenticationFailures.inc({ transport: 'websocket' });
          return refused(refuse(error.message, 'UNAUTHENTICATED'));
        }
        span.setAttribute('rampart.tenant_id', identity.tenantId);
        const decision = await rateLimiter.take(identity);
        if (!decision.allowed) {
          gatewayMetrics.rateLimited.inc({ scope: decision.scope ?? 'tenant', transport: 'websocket' });
          return refused(
            refuse(`Too many requests; retry after ${decision.retryAfterSeconds} s`, 'TOO_MANY_REQUESTS', {
              retryAfter: decision.retryAfterSeconds,
              scope: decision.scope,
            }),
          );
        }
        const document = documentOf(payload.query);
        if (Array.isArray(document)) return refused(document);
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return refused(refuse('Name the operation to run', 'BAD_USER_INPUT'));
        if (operation.operation !== 'subscription') {
          return refused(refuse('Only subscriptions are served over WebSocket; send queries and mutations over HTTP', 'BAD_USER_INPUT'));
        }
        const tooCostly = guard.checkCost(document, payload.operationName, payload.variables);
        if (tooCostly) return refused([tooCostly]);
        const contextValue: SubscriptionContext = { identity, requestId };
        logger.info({ requestId, operation: payload.operationName, tenantId: identity.tenantId, via: identity.via, apiKeyId: identity.apiKeyId }, 'subscription started');
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        };
      },
      onOperation: (ctx: ConnectionContext, id, _payload, _args, result) => {
        const span = ctx.extra.spans?.get(id);
        if (!span) return;
        // The span covers setting the subscription up (authorisation, current state), not its lifetime.
        if (isFailedResult(result)) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
        ctx.extra.spans?.delete(id);
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: result.errors.map(format) } : undefined),
      onError: (_ctx, _id, _payload, errors) => errors.map(format),
    },
    webSockets,
  );

  return {
    closeConnectionsOfApiKey(apiKeyId) {
      const sockets = byApiKey.get(apiKeyId);
      if (!sockets) return 0;
      for (const socket of sockets) socket.close(CloseCode.Forbidden, 'API key revoked');
      byApiKey.delete(apiKeyId);
      logger.info({ apiKeyId, connections: sockets.size }, 'closed websocket connections of a revoked API key');
      return sockets.size;
    },
    async close() {
      await server.dispose();
    },
  };
}

