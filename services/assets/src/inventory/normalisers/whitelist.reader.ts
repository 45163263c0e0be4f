import type { WhitelistGroup } from '@rampart/asset-model';

/**
 * `SecurityIPList` (RDS) / `SecurityIpList` (Redis) is one comma-separated string of up to 1000 entries, e.g.
 * "10.0.0.1,0.0.0.0/0": split it, so that a world-open entry inside the list is seen (peers test the whole string).
 */
export function splitIpList(list: string | null): string[] {
  if (list === null) return [];
  return list.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
}

export function whitelistGroup(name: string | null, attribute: string | null, ipType: string | null, list: string | null): WhitelistGroup {
  return { name: name ?? 'default', attribute, ipType: ipType ?? 'IPv4', entries: splitIpList(list) };
}
