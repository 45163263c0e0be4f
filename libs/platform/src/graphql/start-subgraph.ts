import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Global, Module, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { MixedList } from 'typeorm';
import type { PlatformConfig } from '../config/platform-config';
import { provisionDatabase } from '../database/provision-database';
import { TenantDatabase } from '../database/tenant-database';
import { formatError } from '../errors/to-graphql-error';
import { HealthController, READINESS_CHECKS, type ReadinessCheck } from '../health/health.controller';
import { IDENTITY_HEADER, verifyInternalIdentity } from '../identity/internal-identity-token';
import { PermissionGuard } from '../identity/permission.guard';
import type { Identity } from '../identity/identity';
import { createLogger, PinoNestLogger, type Logger } from '../logging/logger';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { graphqlObservabilityPlugin } from '../observability/graphql-observability.plugin';
import { startDefaultMetrics } from '../observability/metrics';
import { MetricsController } from '../observability/metrics.controller';
import { traceHttpRequests } from '../observability/trace-context';
import { flushTracing, startTracing } from '../observability/tracing';
import { requireIdentityPlugin } from './require-identity.plugin';
import { LOGGER, NATS_CONNECTION, PLATFORM_CONFIG, TENANT_DATABASE } from './platform.tokens';

export interface SubgraphDefinition<C extends PlatformConfig> {
  config: C;
  migrations: MixedList<string | (new () => unknown)>;
  /** TypeORM entities the service maps (optional; bulk paths use SQL). */
  entities?: MixedList<string | (new () => unknown)>;
  /** The service's feature modules. */
  imports: Array<Type | DynamicModule>;
  /** Largest accepted request body; default 1 MB. */
  bodyLimit?: string;
  /** Runs after the HTTP server listens: start consumers, relays, sweepers. Returns a stopper. */
  onStarted?: (running: Omit<RunningSubgraph, 'close'>) => Promise<(() => Promise<void>) | void>;
  /** Extra HTTP host binding; default 0.0.0.0. */
  host?: string;
}

export interface RunningSubgraph {
  app: INestApplication;
  url: string;
  port: number;
  database: TenantDatabase;
  nats: NatsConnection;
  logger: Logger;
  close(): Promise<void>;
}

async function identityFromHeaders(
  headers: Record<string, string | string[] | undefined>,
  secret: string,
): Promise<Identity | undefined> {
  const token = headers[IDENTITY_HEADER];
  if (typeof token !== 'string' || token.length === 0) return undefined;
  try {
    return await verifyInternalIdentity(token, secret);
  } catch {
    return undefined;
  }
}

/**
 * Starts one federation subgraph: provisions its database (migrations, non-owner role), connects
 * to NATS, and serves GraphQL (Federation 2) at /graphql with every operation requiring a
 * gateway-signed identity, plus /health and /ready.
 */
export async function startSubgraph<C extends PlatformConfig>(definition: SubgraphDefinition<C>): Promise<RunningSubgraph> {
  const { config } = definition;
  startTracing(config.serviceName, config.tracing);
  startDefaultMetrics();
  const logger = createLogger(config.serviceName, config.logLevel);
  const dataSource = await provisionDatabase(config, definition.migrations, { entities: definition.entities });
  const database = new TenantDatabase(dataSource);
  const nats = await connect({ servers: config.natsUrl, name: config.serviceName });

  const readiness: ReadinessCheck[] = [
    { name: 'postgres', check: async () => void (await dataSource.query('SELECT 1')) },
    { name: 'nats', check: async () => void (await nats.flush()) },
  ];

  @Global()
  @Module({
    providers: [
      { provide: PLATFORM_CONFIG, useValue: config },
      { provide: TENANT_DATABASE, useValue: database },
      { provide: NATS_CONNECTION, useValue: nats },
      { provide: LOGGER, useValue: logger },
      { provide: READINESS_CHECKS, useValue: readiness },
    ],
    exports: [PLATFORM_CONFIG, TENANT_DATABASE, NATS_CONNECTION, LOGGER, READINESS_CHECKS],
  })
  class PlatformModule {}

  @Module({
    imports: [
      PlatformModule,
      GraphQLModule.forRoot<ApolloFederationDriverConfig>({
        driver: ApolloFederationDriver,
        autoSchemaFile: { federation: 2 },
        sortSchema: true,
        path: '/graphql',
        playground: false,
        graphiql: false,
        introspection: !config.production,
        fieldResolverEnhancers: ['guards'],
        includeStacktraceInErrorResponses: false,
        context: async ({ req }: { req: { headers: Record<string, string | string[] | undefined> } }) => ({
          req,
          identity: await identityFromHeaders(req.headers, config.internalAuthSecret),
        }),
        formatError: (formatted, error) =>
          formatError(formatted, error, (hidden) => logger.error({ err: hidden }, 'unexpected error in resolver')),
        plugins: [requireIdentityPlugin, graphqlObservabilityPlugin(config.serviceName), ApolloServerPluginInlineTraceDisabled()],
      }),
      ...definition.imports,
    ],
    controllers: [HealthController, MetricsController],
    providers: [{ provide: APP_GUARD, useClass: PermissionGuard }],
  })
  class RootModule {}

  const app = await NestFactory.create<NestExpressApplication>(RootModule, {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: definition.bodyLimit ?? '1mb' });
  // After body parsing, so resolvers run inside the request's span (child of the gateway's traceparent).
  app.use(traceHttpRequests(config.serviceName));
  await app.listen(config.port, definition.host ?? '0.0.0.0');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/graphql`;
  const running = { app, url, port, database, nats, logger };
  const stop = (await definition.onStarted?.(running)) ?? undefined;
  logger.info({ url }, `${config.serviceName} subgraph ready`);

  let closed = false;
  return {
    ...running,
    async close() {
      if (closed) return;
      closed = true;
      if (stop) await stop();
      await app.close();
      await nats.drain().catch(() => undefined);
      await database.close();
      await flushTracing();
    },
  };
}
