import type { InstalledPackage } from '@rampart/host-facts';
import { compareDebianVersions, parseDebianVersion, type DebianVersion } from './debian-version';
import type { VulnerabilityAdvisory, VulnerabilityIndex } from './vulnerability-advisory';

/** One missing patch: an installed source package version an advisory says is fixed in a later version. */
export interface MissingPatch {
  readonly sourcePackage: string;
  readonly installedVersion: string;
  readonly binaryPackages: readonly string[];
  readonly advisoryId: string;
  readonly aliases: readonly string[];
  readonly fixedVersion: string;
  readonly severity: string | null;
  readonly summary: string | null;
}

const versionCache = new Map<string, DebianVersion | null>();
function parsed(version: string): DebianVersion | null {
  let value = versionCache.get(version);
  if (value === undefined) {
    try {
      value = parseDebianVersion(version);
    } catch {
      value = null;
    }
    if (versionCache.size > 200_000) versionCache.clear();
    versionCache.set(version, value);
  }
  return value;
}

/** The fixed version of the range that contains `installed`, or undefined when not affected by the advisory. */
function fixedVersionFor(advisory: VulnerabilityAdvisory, installed: DebianVersion, installedText: string): string | null | undefined {
  if (advisory.versions.includes(installedText)) {
    const fixes = advisory.ranges.map((r) => r.fixed).filter((f): f is string => f !== null);
    return fixes[0] ?? null;
  }
  for (const range of advisory.ranges) {
    const introduced = range.introduced === null ? null : parsed(range.introduced);
    if (introduced !== null && compareDebianVersions(installed, introduced) < 0) continue;
    if (range.fixed !== null) {
      const fixed = parsed(range.fixed);
      if (fixed !== null && compareDebianVersions(installed, fixed) < 0) return range.fixed;
    } else if (range.lastAffected !== undefined && range.lastAffected !== null) {
      const last = parsed(range.lastAffected);
      if (last !== null && compareDebianVersions(installed, last) <= 0) return null;
    } else {
      return null; // affected, no fix yet
    }
  }
  return undefined;
}

type Match = { readonly advisory: VulnerabilityAdvisory; readonly fixed: string | null };
/** Per feed: source package → version → the advisories that apply, shared by every host with that version. */
const matchCache = new WeakMap<VulnerabilityIndex, Map<string, Map<string, readonly Match[]>>>();

function matchesFor(index: VulnerabilityIndex, sourcePackage: string, version: string): readonly Match[] {
  let bySource = matchCache.get(index);
  if (bySource === undefined) matchCache.set(index, (bySource = new Map()));
  let byVersion = bySource.get(sourcePackage);
  if (byVersion === undefined) bySource.set(sourcePackage, (byVersion = new Map()));
  let matches = byVersion.get(version);
  if (matches === undefined) {
    const found: Match[] = [];
    const installed = parsed(version);
    const seen = new Set<string>();
    if (installed !== null) {
      for (const advisory of index.forSource(sourcePackage)) {
        if (seen.has(advisory.id)) continue;
        const fixed = fixedVersionFor(advisory, installed, version);
        if (fixed === undefined) continue;
        seen.add(advisory.id);
        found.push({ advisory, fixed });
      }
    }
    matches = found;
    if (byVersion.size > 1000) byVersion.clear();
    byVersion.set(version, matches);
  }
  return matches;
}

/**
 * Matches the dpkg inventory against the index by SOURCE package and source version with dpkg ordering: one result per
 * (source package, advisory) that has a fixed version newer than what is installed. Unfixed advisories are left out
 * unless `includeUnfixed` (then fixedVersion is ''). Matches are cached per feed and (source, version), so a fleet
 * running the same images costs one comparison pass per distinct version.
 */
export function findMissingPatches(packages: readonly InstalledPackage[], index: VulnerabilityIndex, options: { includeUnfixed?: boolean } = {}): MissingPatch[] {
  // one entry per (source package, version): a source can be installed at two versions during an upgrade
  interface Group {
    readonly sourcePackage: string;
    readonly version: string;
    readonly binaries: string[];
    other?: Group;
  }
  const groups = new Map<string, Group>();
  for (const pkg of packages) {
    let group = groups.get(pkg.sourceName);
    if (group === undefined) {
      if (index.forSource(pkg.sourceName).length === 0) continue;
      groups.set(pkg.sourceName, { sourcePackage: pkg.sourceName, version: pkg.sourceVersion, binaries: [pkg.name] });
      continue;
    }
    while (group.version !== pkg.sourceVersion && group.other !== undefined) group = group.other;
    if (group.version === pkg.sourceVersion) group.binaries.push(pkg.name);
    else group.other = { sourcePackage: pkg.sourceName, version: pkg.sourceVersion, binaries: [pkg.name] };
  }
  const results: MissingPatch[] = [];
  for (const first of groups.values()) {
    for (let group: Group | undefined = first; group !== undefined; group = group.other) {
      const matches = matchesFor(index, group.sourcePackage, group.version);
      if (matches.length === 0) continue;
      const binaries = group.binaries.sort();
      for (const { advisory, fixed } of matches) {
        if (fixed === null && options.includeUnfixed !== true) continue;
        results.push({
          sourcePackage: group.sourcePackage,
          installedVersion: group.version,
          binaryPackages: binaries,
          advisoryId: advisory.id,
          aliases: advisory.aliases,
          fixedVersion: fixed ?? '',
          severity: advisory.severity,
          summary: advisory.summary,
        });
      }
    }
  }
  return results.sort((a, b) => (a.sourcePackage < b.sourcePackage ? -1 : a.sourcePackage > b.sourcePackage ? 1 : a.advisoryId < b.advisoryId ? -1 : a.advisoryId > b.advisoryId ? 1 : 0));
}
