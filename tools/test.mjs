// `npm test`: every check CI runs, in order, on the real Postgres and NATS. Each step prints its
// name and time; all steps run, and the exit code is non-zero when any failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'node_modules', '.bin');
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, SWC_NODE_PROJECT: join(root, 'tsconfig.json'), NX_DAEMON: 'false' };
const only = process.argv.slice(2);
const results = [];

function step(name, command, args, options = {}) {
  if (only.length && !only.includes(name)) return;
  process.stdout.write(`\n▶ ${name}: ${[command, ...args].join(' ')}\n`);
  const started = Date.now();
  const run = spawnSync(command, args, { cwd: options.cwd ?? root, env, stdio: 'inherit' });
  const ok = run.status === 0;
  results.push({ name, ok, seconds: (Date.now() - started) / 1000 });
  process.stdout.write(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

step('buf-lint', 'buf', ['lint'], { cwd: join(root, 'proto') });
const genDir = mkdtempSync(join(tmpdir(), 'rampart-proto-'));
step('proto-drift', 'sh', ['-c', `buf generate --output ${genDir} && diff -r ${genDir}/gen gen`], { cwd: join(root, 'proto') });
rmSync(genDir, { recursive: true, force: true });
step('typecheck', 'tsc', ['-p', 'tsconfig.json', '--noEmit']);
step('typecheck-console', 'tsc', ['-p', 'console/tsconfig.json']);
step('lint', 'eslint', ['.']);
step('schema-drift', process.execPath, ['-r', '@swc-node/register', 'tools/compose-supergraph.ts', '--check']);
const report = join(tmpdir(), `rampart-jest-${process.pid}.json`);
step('jest', 'jest', ['--ci', '--maxWorkers=2', '--json', `--outputFile=${report}`]);

process.stdout.write('\nSummary\n');
for (const r of results) process.stdout.write(`  ${r.ok ? '✔' : '✘'} ${r.name.padEnd(14)} ${r.seconds.toFixed(1)} s\n`);
let passed = 0;
let failed = 0;
try {
  const jest = JSON.parse(readFileSync(report, 'utf8'));
  passed = jest.numPassedTests;
  failed = jest.numFailedTests + (jest.numRuntimeErrorTestSuites ?? 0);
  rmSync(report, { force: true });
} catch {
  failed += 1;
}
const stepFailures = results.filter((r) => !r.ok && r.name !== 'jest').length;
process.stdout.write(`\n${passed} passed, ${failed + stepFailures} failed\n`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
