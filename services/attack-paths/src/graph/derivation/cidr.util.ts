/** IPv4 CIDR arithmetic for security-group sources and database whitelists (IPv6 only as the world `::/0`). */
export interface Ipv4Range { base: number; bits: number }

export function parseIpv4(ip: string): number | null {
  const parts = ip.trim().split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

export function parseIpv4Cidr(text: string): Ipv4Range | null {
  const [ip, bitsText] = text.trim().split('/');
  const base = parseIpv4(ip);
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (base === null || !Number.isInteger(bits) || bits < 0 || bits > 32) return null;
  return { base: bits === 0 ? 0 : base - (base % 2 ** (32 - bits)), bits };
}

/** `outer` contains every address of `inner` (an IP or a CIDR). */
export function cidrContains(outer: string, inner: string): boolean {
  const o = parseIpv4Cidr(outer);
  const i = parseIpv4Cidr(inner);
  if (!o || !i || o.bits > i.bits) return false;
  const size = 2 ** (32 - o.bits);
  return i.base >= o.base && i.base < o.base + size;
}

const WORLD = new Set(['0.0.0.0/0', '0.0.0.0', '::/0', '::', '*']);
/** The whole internet, as security groups, ACLs and whitelists write it. */
export const isWorld = (cidr: string | null | undefined): boolean => cidr != null && WORLD.has(cidr.trim());
