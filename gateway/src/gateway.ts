import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloGateway } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { createLogger, formatError, IDENTITY_HEADER, RampartError, type Logger } from '@rampart/platform';
import { BearerVerifier } from './auth/bearer-verifier';
import type { GatewayConfig, SubgraphName } from './config';
import type { GatewayContext } from './gateway-context';
import { graphiqlRouter } from './graphiql/graphiql.page';
import { IdentityForwardingDataSource } from './identity-forwarding.data-source';

export interface RunningGateway {
  url: string;
  port: number;
  server: Server;
  logger: Logger;
  close(): Promise<void>;
}

/** Headers a client might send to impersonate: never trusted, removed before anything reads them. */
const CLIENT_IDENTITY_HEADERS = [IDENTITY_HEADER, 'x-tenant-id', 'x-rampart-tenant', 'x-user-id', 'x-forwarded-user'];

export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const logger = createLogger('gateway', config.logLevel);
  const verifier = new BearerVerifier({ secret: config.authJwtSecret, jwksUrl: config.authJwksUrl });
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);

  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.supergraphPath, 'utf8'),
    buildService: ({ name, url }) =>
      new IdentityForwardingDataSource(
        config.subgraphUrls[name as SubgraphName] ?? url ?? '',
        config.internalAuthSecret,
        config.subgraphTimeoutMs,
      ),
  });

  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !config.production,
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) =>
      formatError(formatted, error, (hidden) => logger.error({ err: hidden }, 'unexpected error at the gateway')),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled()],
  });
  await server.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const checks = await Promise.all(
      Object.entries(config.subgraphUrls).map(async ([name, url]) => {
        try {
          const response = await fetch(url.replace(/\/graphql$/, '/ready'), { signal: AbortSignal.timeout(2000) });
          return [name, response.ok ? 'up' : 'down'] as const;
        } catch {
          return [name, 'down'] as const;
        }
      }),
    );
    const ready = checks.every(([, state]) => state === 'up');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks: Object.fromEntries(checks) });
  });
  if (!config.production) app.use(graphiqlRouter('/graphql'));

  app.use(
    '/graphql',
    (req, _res, next) => {
      for (const header of CLIENT_IDENTITY_HEADERS) delete req.headers[header];
      next();
    },
    express.json({ limit: config.bodyLimitBytes }),
    expressMiddleware(server, {
      context: async ({ req }): Promise<GatewayContext> => {
        const requestId = (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id']) || randomUUID();
        const authorization = req.headers.authorization;
        const match = typeof authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
        if (!match) throw unauthenticated('Authentication required');
        try {
          return { identity: await verifier.verify(match[1]), requestId };
        } catch (error) {
          if (error instanceof RampartError) throw unauthenticated(error.message);
          throw error;
        }
      },
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/graphql`;
  logger.info({ url }, 'gateway ready');
  return {
    url,
    port,
    server: httpServer,
    logger,
    async close() {
      await server.stop();
    },
  };
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}
