#!/usr/bin/env node
'use strict';
// node bench/generate-inventory.js --assets 100000 --seed 1 --out file.json
// The generator is TypeScript (tools/generate-inventory/); the hook compiles it on load with @swc/core.
require('./inventory-ts-register');
const { main } = require('../tools/generate-inventory/generate-inventory.cli.ts');

process.exitCode = main(process.argv.slice(2));
