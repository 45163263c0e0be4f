import type { Asset, UnknownData } from '@rampart/asset-model';

function overlaps(read: string, unknownField: string): boolean {
  if (read === unknownField) return true;
  // "passwordPolicy" unknown covers a read of "passwordPolicy.minimumPasswordLength" and the other way round.
  return read.startsWith(unknownField + '.') || unknownField.startsWith(read + '.');
}

/**
 * The first `asset.unknown` entry that touches the given configuration fields, or that comes from one of the given
 * API calls ("Product:Action"); null when everything needed was collected.
 */
export function findUnknown(asset: Asset, fields: readonly string[], apis?: ReadonlySet<string>): UnknownData | null {
  const unknowns = asset.unknown;
  if (unknowns.length === 0) return null;
  for (const entry of unknowns) {
    if (apis !== undefined && apis.has(entry.source)) return entry;
    for (const field of entry.fields) {
      for (const read of fields) if (overlaps(read, field)) return entry;
    }
  }
  return null;
}
