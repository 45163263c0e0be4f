/**
 * Starts Rampart's deployables as separate child processes (the way `npm start` runs them), waits
 * until each answers /health, prefixes their logs, and stops them all cleanly. Used by `npm start`,
 * the supergraph composition script, the end-to-end tests and the benchmarks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..');

export const DEPLOYABLES = {
  assets: { entry: 'services/assets/src/main.ts', port: 4001 },
  'config-checks': { entry: 'services/config-checks/src/main.ts', port: 4002 },
  'baseline-checks': { entry: 'services/baseline-checks/src/main.ts', port: 4003 },
  'attack-paths': { entry: 'services/attack-paths/src/main.ts', port: 4004 },
  billing: { entry: 'services/billing/src/main.ts', port: 4005 },
  gateway: { entry: 'gateway/src/main.ts', port: 4000 },
} as const;
export type Deployable = keyof typeof DEPLOYABLES;
export const SUBGRAPH_NAMES = ['assets', 'config-checks', 'baseline-checks', 'attack-paths', 'billing'] as const;

/**
 * Subgraphs that run inside another deployable's process (`access`: API keys, in the gateway's), each
 * with an entry that starts it alone, so composition can read its SDL without the process hosting it.
 * `npm start` never launches these: their host does.
 */
export const HOSTED_SUBGRAPHS = {
  access: { entry: 'gateway/src/access/main.ts', port: 4006, hostedBy: 'gateway', schemaFile: 'gateway/access.schema.graphql' },
} as const;
export type HostedSubgraph = keyof typeof HOSTED_SUBGRAPHS;
/** Anything `startStack` can launch as a process. */
export type Launchable = Deployable | HostedSubgraph;
const LAUNCHABLE: Record<Launchable, { entry: string; port: number }> = { ...DEPLOYABLES, ...HOSTED_SUBGRAPHS };

/** Every subgraph of the supergraph, in composition order. */
export const COMPOSED_SUBGRAPHS = [...SUBGRAPH_NAMES, 'access'] as const;
export type ComposedSubgraph = (typeof COMPOSED_SUBGRAPHS)[number];

/** Where a subgraph's SDL (as the gateway sees it) is committed. */
export function schemaFileOf(name: ComposedSubgraph): string {
  return name === 'access' ? join(ROOT, HOSTED_SUBGRAPHS.access.schemaFile) : join(ROOT, 'services', name, 'schema.graphql');
}

/** The port a launchable listens on by default (the supergraph names subgraphs by it). */
export function defaultPortOf(name: Launchable): number {
  return LAUNCHABLE[name].port;
}

export interface StackOptions {
  deployables: Launchable[];
  /** Environment shared by every process. */
  env: Record<string, string | undefined>;
  /** Per-process environment (e.g. a test database name). */
  envFor?: (name: Launchable) => Record<string, string>;
  /** Port of each process; default the standard ports. */
  portFor?: (name: Launchable) => number;
  /** Restart a crashed process (npm start); tests want a crash to fail instead. */
  supervise?: boolean;
  /** Where log lines go; default stdout with a `[name]` prefix. */
  log?: (name: Launchable, line: string) => void;
  readyTimeoutMs?: number;
}

export interface RunningStack {
  urls: Record<Launchable, string>;
  stop(): Promise<void>;
}

const COLORS = [36, 32, 33, 35, 34, 31];

function defaultLog(name: Launchable, line: string): void {
  const color = COLORS[Object.keys(LAUNCHABLE).indexOf(name) % COLORS.length];
  const prefix = process.stdout.isTTY ? `\x1b[${color}m[${name}]\x1b[0m` : `[${name}]`;
  process.stdout.write(`${prefix} ${line}\n`);
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`exited with code ${exited} before it was ready`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not healthy after ${timeoutMs} ms`);
}

export async function startStack(options: StackOptions): Promise<RunningStack> {
  const log = options.log ?? defaultLog;
  const children = new Map<Launchable, ChildProcess>();
  let stopping = false;
  const urls = {} as Record<Launchable, string>;

  const launch = (name: Launchable, port: number, attempt = 0): ChildProcess => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', LAUNCHABLE[name].entry], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...options.env,
        ...options.envFor?.(name),
        PORT: String(port),
        SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => log(name, line));
    }
    child.on('exit', (code, signal) => {
      if (stopping) return;
      log(name, `exited (${signal ?? code})`);
      if (options.supervise) {
        const delay = Math.min(30_000, 500 * 2 ** attempt);
        log(name, `restarting in ${delay} ms`);
        setTimeout(() => {
          if (!stopping) children.set(name, launch(name, port, attempt + 1));
        }, delay);
      }
    });
    return child;
  };

  const stop = async () => {
    stopping = true;
    await Promise.all(
      [...children.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  };

  try {
    // Subgraphs first (in parallel), then the gateway, which needs them to answer.
    const phases = [options.deployables.filter((d) => d !== 'gateway'), options.deployables.filter((d) => d === 'gateway')];
    for (const phase of phases) {
      await Promise.all(
        phase.map(async (name) => {
          const port = options.portFor?.(name) ?? LAUNCHABLE[name].port;
          const child = launch(name, port);
          children.set(name, child);
          urls[name] = `http://127.0.0.1:${port}/graphql`;
          try {
            await waitForHealth(`http://127.0.0.1:${port}/health`, child, options.readyTimeoutMs ?? 240_000);
          } catch (error) {
            throw new Error(`${name} ${(error as Error).message}`);
          }
        }),
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls, stop };
}

/** Free TCP ports for a test stack. */
export async function freePorts(count: number): Promise<number[]> {
  const { createServer } = await import('node:net');
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<import('node:net').Server>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((server) => (server.address() as import('node:net').AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

export { startPrivateNats } from '@rampart/testing';
