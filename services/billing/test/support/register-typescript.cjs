// Lets plain `node` (forked test workers, the billing benchmark) load the workspace's TypeScript:
// compiles .ts with @swc/core as jest does and maps the @rampart/* aliases of tsconfig.base.json.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../../../..');
const aliases = {
  '@rampart/platform': 'libs/platform/src/index.ts',
  '@rampart/messaging': 'libs/messaging/src/index.ts',
  '@rampart/testing': 'libs/testing/src/index.ts',
  '@rampart/asset-model': 'libs/asset-model/src/index.ts',
  '@rampart/contracts': 'proto/src/index.ts',
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, ...rest) {
  const alias = aliases[request];
  return resolveFilename.call(this, alias ? path.join(root, alias) : request, ...rest);
};

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
