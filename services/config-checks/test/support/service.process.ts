import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { signInternalIdentity, type Permission } from '@rampart/platform';
import { TEST_DATABASE_URL, TEST_INTERNAL_SECRET } from '@rampart/testing';

const ROOT = join(__dirname, '..', '..', '..', '..');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field in the specs
export type GraphQLAnswer = { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A Rampart service as its own process (`services/<name>/src/main.ts`, as `npm start` runs it) on a test database and
 * NATS, reached over real HTTP with a gateway-signed identity. Stopping it keeps the database, so another process can
 * take over; SIGKILL is a crash.
 */
export class ServiceProcess {
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly logs: string[] = [];

  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    for (const stream of [child.stdout, child.stderr]) if (stream) createInterface({ input: stream }).on('line', (line) => this.logs.push(line));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static async start(name: string, options: { databaseName: string; natsUrl: string; logLevel?: string }): Promise<ServiceProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join('services', name, 'src', 'main.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        NODE_ENV: 'test',
        PORT: String(port),
        DATABASE_URL: TEST_DATABASE_URL,
        DATABASE_NAME: options.databaseName,
        NATS_URL: options.natsUrl,
        INTERNAL_AUTH_SECRET: TEST_INTERNAL_SECRET,
        LOG_LEVEL: options.logLevel ?? 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const service = new ServiceProcess(name, `http://127.0.0.1:${port}/graphql`, child);
    await service.ready();
    return service;
  }

  async graphql(tenantId: string, query: string, variables: Record<string, unknown> = {}, permissions: Permission[] = ['read', 'scan', 'billing']): Promise<GraphQLAnswer> {
    const token = await signInternalIdentity({ subject: 'tester', tenantId, roles: ['admin'], permissions, via: 'jwt' }, TEST_INTERNAL_SECRET);
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rampart-identity': token },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLAnswer;
  }

  /** SIGKILL: the process dies between any two instructions, as in a crash. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    await this.exited;
  }

  /** Waits for /ready (database and broker answer); the process dying first fails with its last log lines. */
  private async ready(): Promise<void> {
    const readyUrl = this.url.replace(/\/graphql$/, '/ready');
    let exited = false;
    void this.exited.then(() => (exited = true));
    for (;;) {
      if (exited) throw new Error(`${this.name} exited before it was ready:\n${this.logs.slice(-20).join('\n')}`);
      const ok = await fetch(readyUrl, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
