import { EnvReader } from './env-reader';
import { readTracingConfig, type TracingConfig } from '../observability/tracing';

/** The settings every service shares; each service's `config.ts` extends it with its own. */
export interface PlatformConfig {
  serviceName: string;
  port: number;
  production: boolean;
  /** Administrative connection: creates the service database and role, runs migrations. */
  databaseUrl: string;
  /** Name of this service's own database. */
  databaseName: string;
  /** The role the service runs queries as: it owns no table, so row-level security applies. */
  databaseAppRole: string;
  databaseAppPassword: string | undefined;
  natsUrl: string;
  /** Secret the gateway signs forwarded identities with, and subgraphs verify them with. */
  internalAuthSecret: string;
  logLevel: string;
  /** OpenTelemetry; absent (tests that build a config by hand): no tracing. */
  tracing?: TracingConfig;
}

export function readPlatformConfig(env: EnvReader, serviceName: string, defaultPort: number): PlatformConfig {
  const production = env.oneOf('NODE_ENV', ['development', 'production', 'test'], 'development') === 'production';
  const dbSuffix = serviceName.replace(/-/g, '_');
  return {
    serviceName,
    port: env.int('PORT', defaultPort, { min: 0, max: 65535 }),
    production,
    databaseUrl: env.url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/postgres', ['postgres', 'postgresql']),
    databaseName: env.string('DATABASE_NAME', `rampart_${dbSuffix}`),
    databaseAppRole: env.string('DATABASE_APP_ROLE', `rampart_${dbSuffix}_app`),
    databaseAppPassword: env.optionalString('DATABASE_APP_PASSWORD'),
    natsUrl: env.url('NATS_URL', 'nats://127.0.0.1:4222', ['nats', 'tls', 'ws', 'wss']),
    internalAuthSecret: production
      ? env.string('INTERNAL_AUTH_SECRET')
      : env.string('INTERNAL_AUTH_SECRET', 'rampart-development-internal-secret-change-me'),
    logLevel: env.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    tracing: readTracingConfig(env),
  };
}
