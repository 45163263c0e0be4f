// Builds a self-contained dist/: the agent's sources plus the @rampart/host-facts runtime it uses, so a host needs
// only Node 20, koffi and this package (no workspace link).
import { transformFileSync } from '@swc/core';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const agentDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(agentDir, 'dist');
const sources = [
  { from: join(agentDir, 'src'), to: dist },
  { from: resolve(agentDir, '..', 'libs', 'host-facts', 'src'), to: join(dist, '_host-facts') },
];
const walk = (dir) => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));

rmSync(dist, { recursive: true, force: true });
for (const { from, to } of sources) {
  for (const file of walk(from).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !f.endsWith('.fixture.ts'))) {
    const out = join(to, relative(from, file)).replace(/\.ts$/, '.js');
    const hostFacts = relative(dirname(out), join(dist, '_host-facts', 'index.js')).replace(/\\/g, '/');
    const { code } = transformFileSync(file, {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, code.replace(/require\("@rampart\/host-facts"\)/g, `require("${hostFacts.startsWith('.') ? hostFacts : `./${hostFacts}`}")`));
  }
}
process.stdout.write(`built ${relative(process.cwd(), dist)}\n`);
