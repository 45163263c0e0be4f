import type { Asset, UnknownData } from './asset';

/**
 * The `Asset.unknown` entry that covers a configuration field, if any. Fields are dotted paths
 * ("rules", "sqlCollector.retentionDays", "listeners.aclEntries"); an entry covers the field itself,
 * anything below it, and anything above it (an unknown "ssl.enabled" makes "ssl" unknown too).
 */
export function unknownCovering(asset: Pick<Asset, 'unknown'>, field: string): UnknownData | null {
  for (const entry of asset.unknown) {
    for (const f of entry.fields) {
      if (f === field || field.startsWith(`${f}.`) || f.startsWith(`${field}.`)) return entry;
    }
  }
  return null;
}

/** True when the importer could not collect `field`: a check reading it must report ERROR, never PASS. */
export function isFieldUnknown(asset: Pick<Asset, 'unknown'>, field: string): boolean {
  return unknownCovering(asset, field) !== null;
}
