/**
 * `npm start` to ready, cold (empty state: embedded Postgres initdb, databases, migrations) and warm
 * (second start on the same state). Uses its own state directory and Postgres port. Run:
 *   node -r @swc-node/register bench/start-time.bench.ts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = join(__dirname, '..');

function startOnce(home: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [join(root, 'tools', 'start.mjs')], {
      cwd: root,
      env: { ...process.env, RAMPART_HOME: home, RAMPART_PG_PORT: '54391', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let ready = 0;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!ready && line.includes('[start] ready in')) {
        ready = Date.now() - started;
        child.kill('SIGINT');
      }
    });
    child.on('exit', () => (ready ? resolve(ready) : reject(new Error('npm start exited before ready'))));
  });
}

async function main(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'rampart-start-'));
  try {
    const cold = await startOnce(home);
    const warm = await startOnce(home);
    process.stdout.write(`npm start to ready: cold ${(cold / 1000).toFixed(1)} s, warm ${(warm / 1000).toFixed(1)} s\n`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
