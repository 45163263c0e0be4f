// Builds the web console (console/ → console/dist, Vite) for the gateway to serve at `/`. Run alone
// (`node tools/build-console.mjs [--if-stale]`) by `npm start`; imported by `npm run build`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const consoleDir = join(root, 'console');
const builtIndex = join(consoleDir, 'dist', 'index.html');

function newestSource(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

/** True when console/dist is missing or older than a source, the page or the Vite config. */
export function consoleIsStale() {
  if (!existsSync(builtIndex)) return true;
  const sources = ['src', 'index.html', 'vite.config.mts'].map((name) => newestSource(join(consoleDir, name)));
  return Math.max(...sources) > statSync(builtIndex).mtimeMs;
}

export async function buildConsole() {
  const started = performance.now();
  const { build } = await import('vite');
  // Vite bundles React's development build whenever NODE_ENV says so (jest sets "test"): always ship production.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(consoleDir, 'vite.config.mts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return Math.round(performance.now() - started);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--if-stale') && !consoleIsStale()) process.exit(0);
  const ms = await buildConsole();
  process.stdout.write(`console built in ${ms} ms\n`);
}
