#!/usr/bin/env node
'use strict';
// The built agent (dist/, from `npm run build -w @rampart/agent`); inside the repository without a build, the
// TypeScript sources run through @swc-node/register.
const fs = require('node:fs');
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist', 'main.js');
if (fs.existsSync(dist)) {
  require(dist);
} else {
  try {
    process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', '..', 'tsconfig.json');
    require('@swc-node/register');
  } catch {
    process.stderr.write('rampart-agent is not built: run `npm run build -w @rampart/agent`\n');
    process.exit(1);
  }
  require(path.join(__dirname, '..', 'src', 'main.ts'));
}
