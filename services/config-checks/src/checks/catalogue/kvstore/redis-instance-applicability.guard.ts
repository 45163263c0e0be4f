import type { AssetOf } from '../../model/evaluation-context.definition';

const NOT_SERVING = new Set(['Inactive', 'Released', 'Deleting']);

/** Exposure checks do not apply to instances that are not serving. */
export function notServingRedis(asset: AssetOf<'redisInstance'>): string | null {
  return NOT_SERVING.has(asset.configuration.status) ? `instance is ${asset.configuration.status}` : null;
}
