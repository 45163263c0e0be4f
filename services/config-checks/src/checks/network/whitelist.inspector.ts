import type { WhitelistGroup } from '@rampart/asset-model';
import type { JsonObject } from '../model/check-result.definition';
import { cidrMatcher } from './cidr.matcher';

export interface OpenWhitelistEntry {
  readonly group: WhitelistGroup;
  readonly entry: string;
}

/** Entries of one group, split on commas again in case a list arrived joined ("10.0.0.1,0.0.0.0/0"). */
export function whitelistEntries(group: WhitelistGroup): readonly string[] {
  // Fast path: the importer already split and trimmed (the usual case).
  if (group.entries.every((e) => e !== '' && !e.includes(',') && e.trim() === e)) return group.entries;
  return group.entries.flatMap((e) => e.split(',')).map((e) => e.trim()).filter((e) => e !== '');
}

/**
 * Whitelist entries that admit the whole internet: "0.0.0.0/0", "0.0.0.0" (Alibaba's any-address form), "::/0", or any
 * prefix no longer than `broadPrefix`. Hidden (system) groups count too: a world entry there is just as open.
 */
export function openWhitelistEntries(groups: readonly WhitelistGroup[], broadPrefix: number): OpenWhitelistEntry[] {
  const open: OpenWhitelistEntry[] = [];
  for (const group of groups) {
    for (const entry of whitelistEntries(group)) if (cidrMatcher.isBroad(entry, broadPrefix)) open.push({ group, entry });
  }
  return open;
}

export function openEntryEvidence(open: readonly OpenWhitelistEntry[]): JsonObject[] {
  return open.map((o) => ({ group: o.group.name, attribute: o.group.attribute, entry: o.entry }));
}
