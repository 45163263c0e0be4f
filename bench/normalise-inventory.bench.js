#!/usr/bin/env node
'use strict';
// Measures the pure import core on a generated snapshot: parse + validate, then normalise.
//   node bench/normalise-inventory.bench.js [--assets 100000] [--seed 1] [--file existing.json] [--runs 3]
// Target: normalising 100,000 assets well under 10 s on one core.
require('./inventory-ts-register');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { generateInventoryFile } = require('../tools/generate-inventory/generate-inventory.ts');
const { parseSnapshot } = require('../services/assets/src/inventory/validate-snapshot.ts');
const { normaliseSnapshot } = require('../services/assets/src/inventory/normalise-snapshot.ts');

const { values } = parseArgs({ options: { assets: { type: 'string', default: '100000' }, seed: { type: 'string', default: '1' }, file: { type: 'string' }, runs: { type: 'string', default: '3' } } });
const assets = Number(values.assets);
let file = values.file;
if (file === undefined) {
  file = path.join(os.tmpdir(), `rampart-inventory-${assets}-${values.seed}.json`);
  if (!fs.existsSync(file)) {
    const t = process.hrtime.bigint();
    generateInventoryFile({ assets, seed: Number(values.seed) }, file);
    console.log(`generated ${file} in ${ms(t)} ms`);
  }
}

function cpuMs() {
  const { user, system } = process.cpuUsage();
  return Math.round((user + system) / 1000);
}

function ms(start) {
  return Math.round(Number(process.hrtime.bigint() - start) / 1e6);
}

const bytes = fs.statSync(file).size;
for (let run = 1; run <= Number(values.runs); run++) {
  const t0 = process.hrtime.bigint();
  const text = fs.readFileSync(file);
  const t1 = process.hrtime.bigint();
  const snapshot = parseSnapshot(text, { maxBytes: 2 ** 31 - 1 });
  const parsed = ms(t1);
  const t2 = process.hrtime.bigint();
  const c2 = cpuMs();
  const result = normaliseSnapshot(snapshot);
  const normalised = ms(t2);
  const normalisedCpu = cpuMs() - c2;
  const rss = Math.round(process.memoryUsage().rss / 1048576);
  console.log(
    `run ${run}: ${result.assets.length} assets from ${snapshot.calls.length} calls (${(bytes / 1048576).toFixed(1)} MiB): ` +
    `read ${ms(t0) - parsed - normalised} ms, parse+validate ${parsed} ms, normalise ${normalised} ms (${normalisedCpu} ms CPU), total ${ms(t0)} ms; ` +
    `${result.unknownActions.length} unknown-action calls, ${result.incomplete.length} incomplete lists; rss ${rss} MiB`,
  );
}
