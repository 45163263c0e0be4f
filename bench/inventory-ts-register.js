'use strict';
// Lets plain `node` run the inventory TypeScript (tools/generate-inventory, services/assets/src/inventory) without a
// build step: .ts files are compiled on require with @swc/core, and @rampart/* resolve to their sources as in jest.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..');
const aliases = {
  '@rampart/asset-model': path.join(root, 'libs/asset-model/src/index.ts'),
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveWithAliases(request, ...rest) {
  return resolveFilename.call(this, aliases[request] ?? request, ...rest);
};

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
