import dns from 'node:dns';

type Lookup = typeof dns.lookup;
let original: Lookup | undefined;
let users = 0;

/**
 * SLS addresses a project as a sub-domain of its endpoint (`<project>.<endpoint>`), so against a local endpoint the
 * SDK asks for `<project>.127.0.0.1`. While installed, such names resolve to 127.0.0.1, as a wildcard DNS record
 * would; every other name resolves as before.
 */
export function resolveLocalSubdomains(): () => void {
  if (users++ === 0) {
    original = dns.lookup;
    const passThrough = original;
    dns.lookup = ((hostname: string, ...rest: unknown[]) =>
      (passThrough as (...args: unknown[]) => void)(hostname.endsWith('.127.0.0.1') ? '127.0.0.1' : hostname, ...rest)) as Lookup;
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--users === 0 && original) dns.lookup = original;
  };
}
