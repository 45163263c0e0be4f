/**
 * Loads the demo tenant's inventory once per state directory, through the public API like any
 * client, so a first `npm start` has something to look at: a generated ~2,000-asset snapshot
 * (tools/generate-inventory) imported with `importInventory`. A marker file records the import.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importSnapshotFile } from '../cli/src/commands/import.command';
import { generateInventoryFile } from './generate-inventory/generate-inventory';

export interface DemoOptions {
  gatewayUrl: string;
  token: string;
  stateDir: string;
  log: (line: string) => void;
  /** Assets in the generated snapshot. */
  assets?: number;
}

export const DEMO_ASSETS = 2_000;
export const DEMO_SEED = 42;

export async function loadDemoTenantOnce(options: DemoOptions): Promise<void> {
  const marker = join(options.stateDir, 'demo-tenant-loaded');
  if (existsSync(marker)) return;
  const assets = options.assets ?? DEMO_ASSETS;
  const file = join(options.stateDir, `demo-inventory-${assets}-seed${DEMO_SEED}.json`);
  if (!existsSync(file)) generateInventoryFile({ assets, seed: DEMO_SEED }, file);
  let printed = '';
  const code = await importSnapshotFile(file, options.gatewayUrl, options.token, { write: (text: string) => (printed += text) }, {
    write: (text: string) => (printed += text),
  });
  if (code !== 0) {
    options.log(`demo tenant not loaded: ${printed.trim()}`);
    return;
  }
  writeFileSync(marker, `${new Date().toISOString()} ${file}\n${printed}`);
  options.log(`demo tenant loaded: ${printed.trim()}`);
}
