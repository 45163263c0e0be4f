import type { VulnerabilityAdvisory } from './vulnerability-advisory';

export class VulnerabilityFeedInvalidError extends Error {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

type Json = unknown;
const isRecord = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const stringOr = (v: Json, fallback: string | null = null): string | null => (typeof v === 'string' ? v : fallback);

/** Source package name from `affected[].package` (name, or the purl `pkg:deb/debian/<src>?arch=source`). */
function sourceName(pkg: Record<string, Json>): string | null {
  const name = stringOr(pkg.name);
  if (name !== null) return name;
  const purl = stringOr(pkg.purl);
  const match = purl === null ? null : /^pkg:deb\/debian\/([^?@]+)/.exec(purl);
  return match === null ? null : decodeURIComponent(match[1]);
}

/**
 * OSV records (one object, an array, `{vulns:[...]}` or JSON lines) → advisories for `ecosystem` (default `Debian:12`).
 * `ECOSYSTEM` ranges are read as sorted introduced/fixed/last_affected events.
 */
export function parseOsvFeed(text: string, ecosystem = 'Debian:12'): VulnerabilityAdvisory[] {
  let records: Json[];
  const trimmed = text.trim();
  try {
    if (trimmed.startsWith('[')) records = JSON.parse(trimmed) as Json[];
    else if (trimmed.startsWith('{') && !/\}\s*\n\s*\{/.test(trimmed)) {
      const single = JSON.parse(trimmed) as Json;
      records = isRecord(single) && Array.isArray(single.vulns) ? single.vulns : [single];
    } else records = trimmed.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Json);
  } catch (error) {
    throw new VulnerabilityFeedInvalidError('feed', `not OSV JSON (${(error as Error).message})`);
  }
  const advisories: VulnerabilityAdvisory[] = [];
  records.forEach((record, index) => {
    if (!isRecord(record) || typeof record.id !== 'string') throw new VulnerabilityFeedInvalidError(`records[${index}]`, 'an OSV record needs an id');
    const recordId = record.id;
    const aliases = Array.isArray(record.aliases) ? record.aliases.filter((a): a is string => typeof a === 'string') : [];
    const related = Array.isArray(record.upstream) ? record.upstream.filter((a): a is string => typeof a === 'string') : [];
    const affected = Array.isArray(record.affected) ? record.affected : [];
    affected.forEach((entry, affectedIndex) => {
      if (!isRecord(entry) || !isRecord(entry.package)) return;
      if (entry.package.ecosystem !== ecosystem) return;
      const source = sourceName(entry.package);
      if (source === null) throw new VulnerabilityFeedInvalidError(`records[${index}].affected[${affectedIndex}].package`, 'no package name');
      const ranges: { introduced: string | null; fixed: string | null; lastAffected: string | null }[] = [];
      for (const range of Array.isArray(entry.ranges) ? entry.ranges : []) {
        if (!isRecord(range) || range.type !== 'ECOSYSTEM' || !Array.isArray(range.events)) continue;
        let current: { introduced: string | null; fixed: string | null; lastAffected: string | null } | null = null;
        for (const event of range.events) {
          if (!isRecord(event)) continue;
          if (typeof event.introduced === 'string') {
            if (current !== null) ranges.push(current);
            current = { introduced: event.introduced === '0' ? null : event.introduced, fixed: null, lastAffected: null };
          } else if (typeof event.fixed === 'string') {
            ranges.push({ ...(current ?? { introduced: null, lastAffected: null }), fixed: event.fixed });
            current = null;
          } else if (typeof event.last_affected === 'string') {
            ranges.push({ ...(current ?? { introduced: null, fixed: null }), lastAffected: event.last_affected });
            current = null;
          }
        }
        if (current !== null) ranges.push(current);
      }
      const severity = isRecord(entry.ecosystem_specific) ? stringOr(entry.ecosystem_specific.urgency) : null;
      advisories.push({
        id: recordId,
        aliases: [...new Set([...aliases, ...related])],
        feed: 'osv',
        sourcePackage: source,
        ranges,
        versions: Array.isArray(entry.versions) ? entry.versions.filter((v): v is string => typeof v === 'string') : [],
        severity: severity ?? (isRecord(record.database_specific) ? stringOr(record.database_specific.severity) : null),
        summary: stringOr(record.summary) ?? stringOr(record.details)?.slice(0, 200) ?? null,
        published: stringOr(record.published),
      });
    });
  });
  return advisories;
}
