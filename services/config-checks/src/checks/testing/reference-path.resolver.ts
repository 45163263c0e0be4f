import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Published reference data (OCSF, SARIF, CIS controls) lives next to the repository in shared/reference; specs read it
 * from there (or from RAMPART_REFERENCE_DIR) and fail loudly when it is missing rather than skip.
 */
export function referencePath(...parts: string[]): string {
  const root = process.env.RAMPART_REFERENCE_DIR ?? resolve(__dirname, '../../../../../..', 'shared/reference');
  const path = join(root, ...parts);
  if (!existsSync(path)) throw new Error(`reference file ${path} not found; set RAMPART_REFERENCE_DIR to shared/reference`);
  return path;
}
