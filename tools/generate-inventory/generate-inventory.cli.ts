import { parseArgs } from 'node:util';
import { generateInventoryFile } from './generate-inventory';
import { MAX_ASSETS, MIN_ASSETS } from './inventory.plan';

const USAGE = `usage: node bench/generate-inventory.js --assets N --seed S --out FILE
  --assets  assets the snapshot normalises to, ${MIN_ASSETS} to ${MAX_ASSETS}
  --seed    any integer; the same seed writes the same file
  --out     where to write the snapshot JSON`;

/** `node bench/generate-inventory.js --assets 100000 --seed 1 --out file.json`; node's own parseArgs is enough for three flags. */
export function main(argv: readonly string[]): number {
  let values: { assets?: string; seed?: string; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: [...argv], options: { assets: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const assets = Number(values.assets);
  const seed = Number(values.seed ?? '1');
  if (!Number.isInteger(assets) || assets < MIN_ASSETS || assets > MAX_ASSETS || !Number.isInteger(seed) || values.out === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const started = process.hrtime.bigint();
  const summary = generateInventoryFile({ assets, seed }, values.out);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const regions = summary.plan.regions.map((r) => r.region).join(', ');
  process.stdout.write(`wrote ${values.out}: ${assets} assets, ${summary.calls} calls, ${(summary.bytes / 1048576).toFixed(1)} MiB in ${seconds.toFixed(1)} s (regions ${regions}; seed ${seed})\n`);
  return 0;
}
