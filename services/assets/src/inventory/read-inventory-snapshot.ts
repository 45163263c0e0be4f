import { normaliseSnapshot, type NormalisedInventory } from './normalise-snapshot';
import type { SnapshotLimits } from './snapshot.schema';
import { parseSnapshot, validateSnapshot } from './validate-snapshot';

/**
 * Validate and normalise in one step, for the import use case: raw text or bytes (the CLI's file; a GraphQL client
 * that sent the snapshot as a JSON string) are parsed first, an already-parsed object is validated as is. Throws
 * SnapshotInvalidError (→ BAD_USER_INPUT with `details.path`) and nothing else for bad input.
 */
export function readInventorySnapshot(input: unknown, limits?: Partial<SnapshotLimits>): NormalisedInventory {
  const snapshot = typeof input === 'string' || input instanceof Uint8Array ? parseSnapshot(input, limits) : validateSnapshot(input, limits);
  return normaliseSnapshot(snapshot);
}
