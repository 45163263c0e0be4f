// Runs bench/attack-paths.bench.ts without ts-node/swc-node: compiles each .ts file on require with
// @swc/core's transformSync and maps @rampart/asset-model to its source. Usage: node bench/attack-paths.run.mjs [assets]
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { transformSync } = require('@swc/core');
const Module = require('node:module');

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === '@rampart/asset-model') request = path.join(root, 'libs/asset-model/src/index.ts');
  return resolve.call(this, request, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename, sourceMaps: 'inline',
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
Module._extensions['.ts'] = require.extensions['.ts'];

const bench = require(path.join(root, 'bench/attack-paths.bench.ts'));
if (process.env.BENCH_ONLY_BUILD) {
  const { buildSecurityGraph } = require(path.join(root, 'services/attack-paths/src/graph/security-graph.builder.ts'));
  const assets = bench.generateInventory(Number(process.argv[2] ?? 100000));
  const t = Date.now(); buildSecurityGraph(assets); console.log('build', Date.now() - t, 'ms');
} else {
  await bench.main(Number(process.argv[2] ?? 100000));
}
