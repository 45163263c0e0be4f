import type { AssetOf } from '../../model/evaluation-context.definition';

const NOT_SERVING = new Set(['Stopped', 'Stopping', 'Deleting', 'Released']);

/** Exposure checks do not apply to databases that are not serving. */
export function notServingDatabase(asset: AssetOf<'rdsInstance'>): string | null {
  return NOT_SERVING.has(asset.configuration.status) ? `instance is ${asset.configuration.status}` : null;
}
