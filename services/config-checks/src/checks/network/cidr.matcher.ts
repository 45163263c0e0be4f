export type IpFamily = 'ipv4' | 'ipv6';
export interface ParsedCidr {
  readonly family: IpFamily;
  readonly prefix: number;
}

/** Parses "a.b.c.d[/n]" or "x::y[/n]"; null for anything else (security-group ids, prefix-list ids, empty). */
function parse(entry: string): ParsedCidr | null {
  const text = entry.trim();
  if (text === '') return null;
  const slash = text.indexOf('/');
  const address = slash === -1 ? text : text.slice(0, slash);
  const family: IpFamily | null = address.includes(':') ? 'ipv6' : /^\d{1,3}(\.\d{1,3}){3}$/.test(address) ? 'ipv4' : null;
  if (family === null) return null;
  const max = family === 'ipv4' ? 32 : 128;
  if (slash === -1) return { family, prefix: max };
  const prefix = Number(text.slice(slash + 1));
  return Number.isInteger(prefix) && prefix >= 0 && prefix <= max ? { family, prefix } : null;
}

/**
 * World-matching for security-group sources and database whitelists. Alibaba treats "0.0.0.0" in an RDS/Redis
 * whitelist as "any address" (it is not a host), so both "0.0.0.0" and "0.0.0.0/0" (and "::/0") are the world.
 */
export const cidrMatcher = {
  parse,
  isWorld(entry: string | null | undefined, family?: IpFamily): boolean {
    if (entry === null || entry === undefined) return false;
    // Fast paths: the canonical forms, and anything that cannot be a /0 (most rules), skip parsing.
    if (entry === '0.0.0.0/0') return family === undefined || family === 'ipv4';
    if (entry === '::/0') return family === undefined || family === 'ipv6';
    const text = entry.trim();
    if (!text.endsWith('/0') && text !== '0.0.0.0' && text !== '::') return false;
    if (text === '0.0.0.0') return family === undefined || family === 'ipv4';
    if (text === '::') return family === undefined || family === 'ipv6';
    const parsed = parse(text);
    return parsed !== null && parsed.prefix === 0 && (family === undefined || parsed.family === family);
  },
  /** World, or a prefix no longer than `broadPrefix` (e.g. 8 flags "10.0.0.0/8"-sized and wider grants). */
  isBroad(entry: string, broadPrefix: number): boolean {
    if (cidrMatcher.isWorld(entry)) return true;
    const parsed = parse(entry);
    return parsed !== null && parsed.prefix <= broadPrefix;
  },
};
