// `npm run build`: compiles every workspace package's TypeScript to CommonJS in its dist/, the way the
// deployables run in production (`node dist/main.js`). SWC, not tsc: types are checked by `npm run typecheck`;
// this only has to emit what Nest needs (legacy decorators with metadata) quickly.
//
// Layout: a package with only src/ gets dist/ mirroring src/ (main "dist/main.js"); a package with more source
// roots (proto: src/ imports ../gen/) gets dist/<root>/ so relative imports between roots still resolve
// (main "dist/src/index.js"). A package with its own "build" script (the agent bundles host-facts in) builds itself.
// Non-TypeScript files under a source root (JSON the code imports) are copied beside the output.
// Last, the web console (console/, Vite) into console/dist, which the gateway serves at `/`.
import { transformFileSync } from '@swc/core';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildConsole } from './build-console.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_ROOTS = ['src', 'gen'];

const swcOptions = {
  swcrc: false,
  configFile: false,
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: true,
};

const isSkipped = (file) => file.endsWith('.spec.ts') || file.endsWith('.d.ts');

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') yield* walk(path);
    } else if (entry.isFile()) {
      yield path;
    }
  }
}

/** Workspace package directories, in the order the root package.json lists their patterns. */
function workspacePackages() {
  const { workspaces = [] } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const dirs = workspaces.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const parent = pattern.slice(0, -2);
    if (!existsSync(join(root, parent))) return [];
    return readdirSync(join(root, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${parent}/${entry.name}`)
      .sort();
  });
  return dirs
    .filter((dir) => existsSync(join(root, dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) }));
}

function compileFile(source, output) {
  const mapFile = `${output}.map`;
  const { code, map } = transformFileSync(source, {
    ...swcOptions,
    filename: source,
    sourceFileName: relative(dirname(output), source).split('\\').join('/'),
  });
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, `${code}\n//# sourceMappingURL=${basename(mapFile)}\n`);
  if (map) writeFileSync(mapFile, map);
}

function compilePackage(dir) {
  const packageDir = join(root, dir);
  const roots = SOURCE_ROOTS.filter((name) => existsSync(join(packageDir, name)));
  if (roots.length === 0) return { compiled: 0, copied: 0 };
  const dist = join(packageDir, 'dist');
  rmSync(dist, { recursive: true, force: true });
  let compiled = 0;
  let copied = 0;
  for (const name of roots) {
    const from = join(packageDir, name);
    const to = roots.length > 1 ? join(dist, name) : dist;
    for (const file of walk(from)) {
      const out = join(to, relative(from, file));
      if (file.endsWith('.ts')) {
        if (isSkipped(file)) continue;
        compileFile(file, out.replace(/\.ts$/, '.js'));
        compiled += 1;
      } else {
        mkdirSync(dirname(out), { recursive: true });
        copyFileSync(file, out);
        copied += 1;
      }
    }
  }
  return { compiled, copied };
}

const started = performance.now();
const failures = [];
for (const { dir, manifest } of workspacePackages()) {
  const t0 = performance.now();
  if (manifest.scripts?.build) {
    const run = spawnSync('npm', ['run', 'build', '--silent'], { cwd: join(root, dir), stdio: 'inherit' });
    if (run.status !== 0) failures.push(`${dir}: its build script exited with ${run.status ?? run.signal}`);
  } else {
    const { compiled, copied } = compilePackage(dir);
    if (compiled === 0 && !manifest.main) continue;
    process.stdout.write(`${dir.padEnd(28)} ${String(compiled).padStart(4)} files${copied ? ` (+${copied} copied)` : ''}  ${Math.round(performance.now() - t0)} ms\n`);
  }
  // The entry point other packages and `node` resolve must exist, or the layout and "main" disagree.
  if (manifest.main && !existsSync(join(root, dir, manifest.main))) {
    failures.push(`${dir}: "main" ${manifest.main} was not produced`);
  }
}
try {
  process.stdout.write(`${'console'.padEnd(28)} vite  ${await buildConsole()} ms\n`);
} catch (error) {
  failures.push(`console: ${error instanceof Error ? error.message : String(error)}`);
}
if (failures.length > 0) {
  process.stderr.write(`build failed:\n${failures.map((line) => `  ${line}\n`).join('')}`);
  process.exit(1);
}
process.stdout.write(`built in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
