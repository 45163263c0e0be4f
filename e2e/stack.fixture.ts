import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { SignJWT } from 'jose';
import { DEPLOYABLES, SUBGRAPH_NAMES, freePorts, startPrivateNats, startStack, type Deployable, type RunningStack } from '../tools/stack';

export const E2E_JWT_SECRET = `e2e-${randomBytes(24).toString('hex')}`;
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface E2EStack extends RunningStack {
  internalSecret: string;
  natsUrl: string;
  /** The gateway's graphql-transport-ws endpoint (same path as HTTP). */
  wsUrl: string;
  logs: string[];
  /** Resolves with the first log line (`[name] …`) that matches, as soon as it is written. */
  logged(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** The gateway's Prometheus exposition. */
  metrics(): Promise<string>;
  token(tenant: string, roles?: string[]): Promise<string>;
  graphql(query: string, options?: { token?: string; variables?: Record<string, unknown>; headers?: Record<string, string>; url?: string }): Promise<{
    status: number;
    body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  }>;
}

export interface E2EStackOptions {
  /** Which deployables to run (default all); the gateway always hosts the access subgraph. */
  deployables?: Deployable[];
  /** Extra environment for every process (limits, log level, tracing). */
  env?: Record<string, string>;
}

/** The whole system (or the part a spec needs) as separate processes on throwaway databases, for end-to-end specs. */
export async function startE2EStack(options: E2EStackOptions = {}): Promise<E2EStack> {
  const suffix = randomBytes(4).toString('hex');
  const names = options.deployables ?? (Object.keys(DEPLOYABLES) as Deployable[]);
  // Subgraphs left out point at a port where nothing listens, never at another stack on the standard ports.
  const absent = SUBGRAPH_NAMES.filter((name) => !names.includes(name));
  const absentPorts = await freePorts(absent.length);
  const absentUrls = Object.fromEntries(
    absent.map((name, index) => [`${name.replace(/-/g, '_').toUpperCase()}_URL`, `http://127.0.0.1:${absentPorts[index]}/graphql`]),
  );
  const ports = await freePorts(names.length);
  const portOf = new Map<string, number>(names.map((name, index) => [name, ports[index]]));
  const databaseOf = (name: string) => `rampart_${name.replace(/-/g, '_')}_e2e_${suffix}`;
  const internalSecret = `internal-${randomBytes(16).toString('hex')}`;
  const logs: string[] = [];
  const logWatchers = new Set<(line: string) => void>();
  const nats = await startPrivateNats();
  const stack = await startStack({
    deployables: names,
    env: {
      DATABASE_URL,
      NATS_URL: nats.url,
      INTERNAL_AUTH_SECRET: internalSecret,
      AUTH_JWT_SECRET: E2E_JWT_SECRET,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      ...absentUrls,
      ...options.env,
    },
    envFor: (name) => ({
      DATABASE_NAME: databaseOf(name),
      // The gateway hosts the access subgraph on a port of its choosing (ACCESS_URL follows it).
      ACCESS_PORT: '0',
      ...Object.fromEntries(
        names.filter((n) => n !== 'gateway').map((n) => [`${n.replace(/-/g, '_').toUpperCase()}_URL`, `http://127.0.0.1:${portOf.get(n)}/graphql`]),
      ),
    }),
    portFor: (name) => portOf.get(name) ?? 0,
    log: (name, line) => {
      logs.push(`[${name}] ${line}`);
      for (const watcher of [...logWatchers]) watcher(`[${name}] ${line}`);
    },
  }).catch(async (error: unknown) => {
    process.stderr.write(logs.join('\n'));
    await nats.stop();
    throw error;
  });

  return {
    ...stack,
    internalSecret,
    logs,
    natsUrl: nats.url,
    wsUrl: stack.urls.gateway?.replace(/^http/, 'ws') ?? '',
    logged(match, timeoutMs = 10_000) {
      const already = logs.find(match);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          logWatchers.delete(watcher);
          reject(new Error(`no matching log line within ${timeoutMs} ms`));
        }, timeoutMs);
        const watcher = (line: string) => {
          if (!match(line)) return;
          clearTimeout(timer);
          logWatchers.delete(watcher);
          resolve(line);
        };
        logWatchers.add(watcher);
      });
    },
    async metrics() {
      const response = await fetch(stack.urls.gateway.replace(/\/graphql$/, '/metrics'));
      return response.text();
    },
    async stop() {
      await stack.stop();
      await nats.stop();
      const admin = new Client({ connectionString: DATABASE_URL });
      await admin.connect();
      for (const name of names) await admin.query(`DROP DATABASE IF EXISTS "${databaseOf(name)}" WITH (FORCE)`);
      await admin.end();
    },
    token: (tenant, roles = ['admin']) =>
      new SignJWT({ tid: tenant, roles })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(`user@${tenant}`)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(E2E_JWT_SECRET)),
    async graphql(query, options = {}) {
      const response = await fetch(options.url ?? stack.urls.gateway, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
        body: JSON.stringify({ query, variables: options.variables }),
      });
      return { status: response.status, body: (await response.json()) as never };
    },
  };
}
