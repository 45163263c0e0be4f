import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloGateway } from '@apollo/gateway';
import { ProgressStore } from '@rampart/messaging';
import {
  createLogger,
  flushTracing,
  formatError,
  graphqlObservabilityPlugin,
  IDENTITY_HEADER,
  metricsExposition,
  startDefaultMetrics,
  startTracing,
  traceHttpRequests,
  type Identity,
  type Logger,
} from '@rampart/platform';
import { startAccessSubgraph } from './access/access.subgraph';
import { onApiKeyRevoked } from './access/api-keys/api-key-revoked.notice';
import { ApiKeyVerifier } from './auth/api-key.verifier';
import { authenticate } from './auth/authenticate.middleware';
import { BearerVerifier } from './auth/bearer-verifier';
import { RequestAuthenticator } from './auth/request-authenticator';
import type { GatewayConfig, SubgraphName } from './config';
import { consoleRouter } from './console/console.router';
import type { GatewayContext } from './gateway-context';
import { graphiqlRouter } from './graphiql/graphiql.page';
import { sendGraphQLError } from './http/graphql-error.response';
import { IdentityForwardingDataSource } from './identity-forwarding.data-source';
import { OperationGuard } from './limits/operation-limits';
import { rateLimit } from './limits/rate-limit.middleware';
import { inventoryUploadProxy } from './imports/inventory-upload.proxy';
import { TokenBucketRateLimiter } from './limits/token-bucket.rate-limiter';
import { accessLogPlugin } from './observability/access-log.plugin';
import { serveGraphQLOverWebSocket } from './subscriptions/graphql-websocket.server';
import { ScanProgressHub } from './subscriptions/scan-progress.hub';
import { scanProgressSchema } from './subscriptions/scan-progress.schema';

export interface RunningGateway {
  url: string;
  port: number;
  server: Server;
  logger: Logger;
  close(): Promise<void>;
}

/** Headers a client might send to impersonate: never trusted, removed before anything reads them. */
const CLIENT_IDENTITY_HEADERS = [IDENTITY_HEADER, 'x-tenant-id', 'x-rampart-tenant', 'x-user-id', 'x-forwarded-user'];
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

function bodyError(error: unknown): { status: number; type?: string } | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error) || typeof error.status !== 'number') return undefined;
  return { status: error.status, type: 'type' in error && typeof error.type === 'string' ? error.type : undefined };
}

/**
 * The one public endpoint: the federated API over HTTP (Apollo gateway on the committed supergraph),
 * live task progress over graphql-transport-ws on the same path, and the `access` subgraph (API keys)
 * in the same process. Authentication, rate limits and operation limits happen here, before any
 * subgraph is called.
 */
export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  startTracing('gateway', config.tracing);
  startDefaultMetrics();
  // @apollo/gateway reads only this variable; without it, it probes cloud metadata endpoints at start and
  // sends usage metrics to Apollo.
  if (!config.apolloTelemetry) process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const logger = createLogger('gateway', config.logLevel);

  const access = await startAccessSubgraph({ config: config.access, apiKeyPepper: config.apiKeyPepper, host: config.access.host });
  const subgraphUrls: Record<SubgraphName, string> = { ...config.subgraphUrls, ...(config.accessUrlConfigured ? {} : { access: access.url }) };
  const authenticator = new RequestAuthenticator(
    new BearerVerifier({ secret: config.authJwtSecret, jwksUrl: config.authJwksUrl }),
    new ApiKeyVerifier(access.database.dataSource, config.apiKeyPepper, logger),
  );
  const rateLimiter = new TokenBucketRateLimiter(access.database.dataSource, config.rateLimits, logger);
  const guard = new OperationGuard(config.limits, config.production);
  const hub = new ScanProgressHub((await ProgressStore.open(access.nats)).kv, logger, config.scanProgressWaitMs);

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);

  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.supergraphPath, 'utf8'),
    buildService: ({ name, url }) =>
      new IdentityForwardingDataSource(
        name,
        subgraphUrls[name as SubgraphName] ?? url ?? '',
        config.internalAuthSecret,
        config.subgraphTimeoutMs,
      ),
  });

  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !config.production,
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    validationRules: guard.validationRules,
    parseOptions: guard.parseOptions,
    formatError: (formatted, error) =>
      formatError(formatted, error, (hidden) => logger.error({ err: hidden }, 'unexpected error at the gateway')),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ...guard.apolloPlugins,
      graphqlObservabilityPlugin<GatewayContext>('gateway'),
      accessLogPlugin(logger),
    ],
  });
  await server.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const probe = async (name: string, check: () => Promise<unknown>) => {
      try {
        await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref())]);
        return [name, 'up'] as const;
      } catch {
        return [name, 'down'] as const;
      }
    };
    const checks = await Promise.all([
      ...Object.entries(subgraphUrls).map(([name, url]) =>
        probe(name, async () => {
          const response = await fetch(url.replace(/\/graphql$/, '/ready'), { signal: AbortSignal.timeout(2000) });
          if (!response.ok) throw new Error(String(response.status));
        }),
      ),
      probe('postgres', () => access.database.dataSource.query('SELECT 1')),
      probe('nats', () => access.nats.flush()),
    ]);
    const ready = checks.every(([, state]) => state === 'up');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks: Object.fromEntries(checks) });
  });
  app.get('/metrics', async (_req, res) => {
    const { contentType, body } = await metricsExposition();
    res.type(contentType).send(body);
  });
  if (!config.production) app.use(graphiqlRouter('/graphql'));
  app.use(consoleRouter(config.consoleDir));

  const acceptRequest = (req: Request, res: Response, next: NextFunction) => {
    for (const header of CLIENT_IDENTITY_HEADERS) delete req.headers[header];
    const sent = req.headers['x-request-id'];
    const requestId = typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
    req.headers['x-request-id'] = requestId;
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    next();
  };
  const traced = traceHttpRequests('gateway', {
    requestId: (req) => (typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : undefined),
    acceptBaggage: false,
  });
  app.post(
    '/imports/inventory',
    acceptRequest,
    traced,
    authenticate(authenticator),
    rateLimit(rateLimiter),
    inventoryUploadProxy(subgraphUrls.assets, config.internalAuthSecret),
  );
  app.use(
    '/graphql',
    acceptRequest,
    express.json({ limit: config.bodyLimitBytes }),
    traced,
    authenticate(authenticator),
    rateLimit(rateLimiter),
    expressMiddleware(server, {
      context: async ({ res }): Promise<GatewayContext> => ({
        identity: res.locals.identity as Identity,
        requestId: res.locals.requestId as string,
      }),
    }),
  );
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const known = bodyError(error);
    if (known?.status === 413) return sendGraphQLError(res, 413, `Request body larger than ${config.bodyLimitBytes} bytes`, 'BAD_USER_INPUT');
    if (known && known.status >= 400 && known.status < 500) return sendGraphQLError(res, known.status, 'Malformed request body', 'BAD_USER_INPUT');
    logger.error({ err: error }, 'unexpected error at the gateway');
    sendGraphQLError(res, 500, 'Internal server error', 'INTERNAL_SERVER_ERROR');
  });

  const webSocket = serveGraphQLOverWebSocket({
    httpServer,
    path: '/graphql',
    schema: scanProgressSchema(hub),
    authenticator,
    rateLimiter,
    guard,
    production: config.production,
    logger,
  });
  const revocations = onApiKeyRevoked(access.nats, (notice) => webSocket.closeConnectionsOfApiKey(notice.id));

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/graphql`;
  logger.info({ url, access: subgraphUrls.access }, 'gateway ready');
  return {
    url,
    port,
    server: httpServer,
    logger,
    async close() {
      revocations.unsubscribe();
      hub.close();
      await webSocket.close();
      await server.stop();
      rateLimiter.close();
      await access.close();
      await flushTracing();
    },
  };
}
