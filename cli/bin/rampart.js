#!/usr/bin/env node
// Runs the compiled CLI when built, else straight from TypeScript.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const compiled = join(__dirname, '..', 'dist', 'main.js');
if (existsSync(compiled)) {
  require(compiled);
} else {
  process.env.SWC_NODE_PROJECT ??= join(__dirname, '..', '..', 'tsconfig.json');
  require('@swc-node/register');
  require(join(__dirname, '..', 'src', 'main.ts'));
}
