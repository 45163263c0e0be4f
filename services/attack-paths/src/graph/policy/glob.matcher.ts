/**
 * Wildcard matching for RAM policy Action and Resource elements: `*` matches any run of characters
 * (including none), `?` exactly one. Compiled patterns are cached because the same few hundred patterns
 * are tested against many resources.
 */
const compiled = new Map<string, RegExp>();

function compile(pattern: string, caseInsensitive: boolean): RegExp {
  const key = `${caseInsensitive ? 'i' : 's'}${pattern}`;
  let regex = compiled.get(key);
  if (!regex) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    regex = new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's');
    if (compiled.size > 50_000) compiled.clear();
    compiled.set(key, regex);
  }
  return regex;
}

export function globMatches(pattern: string, text: string, caseInsensitive = false): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*') && !pattern.includes('?')) {
    return caseInsensitive ? pattern.toLowerCase() === text.toLowerCase() : pattern === text;
  }
  return compile(pattern, caseInsensitive).test(text);
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

const closures = new Map<string, RegExp>();
const escape = (c: string): string => c.replace(/[.+^${}()|[\]\\*?]/g, '\\$&');

/** A regex matching every prefix of every text the glob matches: `ab*` → `^(?:a(?:b(?:.*)?)?)?$`. */
function prefixClosure(pattern: string): RegExp {
  let regex = closures.get(pattern);
  if (!regex) {
    let body = '';
    for (let i = pattern.length - 1; i >= 0; i--) {
      const c = pattern[i];
      body = `(?:${c === '*' ? '.*' : c === '?' ? '.' : escape(c)}${body})?`;
    }
    regex = new RegExp(`^${body}$`, 's');
    if (closures.size > 50_000) closures.clear();
    closures.set(pattern, regex);
  }
  return regex;
}

/** Never part of an ARN: stands for "any further characters" when probing open-ended texts. */
const SENTINEL = '\u0001\u0001';

/**
 * Against an open-ended text `prefix + <anything>`: does the pattern match at least one such text
 * (`some`), or every such text (`all`)? Used for OSS objects, whose names are not in the inventory:
 * `acs:oss:*:*:logs/public/*` can read some objects of bucket `logs`, `acs:oss:*:*:logs/*` all of them.
 */
export function globMatchesPrefix(pattern: string, prefix: string, mode: 'some' | 'all'): boolean {
  if (pattern === '*') return true;
  if (mode === 'some') return prefixClosure(pattern).test(prefix);
  // every extension matches iff the empty one and an arbitrary two-character one do (only `*` absorbs both)
  return globMatches(pattern, prefix) && globMatches(pattern, prefix + SENTINEL);
}

const partsCache = new Map<string, string[] | null>();
function arnParts(arn: string): string[] | null {
  let parts = partsCache.get(arn);
  if (parts === undefined) {
    const split = arn.split(':');
    parts = split.length < 5 ? null : [...split.slice(0, 4), split.slice(4).join(':')];
    if (partsCache.size > 200_000) partsCache.clear();
    partsCache.set(arn, parts);
  }
  return parts;
}

/**
 * ARN matching segment by segment (`acs:<service>:<region>:<account>:<resource>`), so that a `*` for
 * the account cannot swallow the `:` into the resource; a pattern that is not a full ARN (`*`) is a plain glob.
 */
export function arnMatches(pattern: string, arn: string): boolean {
  const p = arnParts(pattern);
  const t = arnParts(arn);
  if (!p || !t) return globMatches(pattern, arn);
  for (let i = 0; i < 5; i++) if (!globMatches(p[i], t[i])) return false;
  return true;
}

/** `globMatchesPrefix` for ARNs, segment by segment; only the resource segment is open-ended. */
export function arnMatchesPrefix(pattern: string, prefix: string, mode: 'some' | 'all'): boolean {
  const p = arnParts(pattern);
  const t = arnParts(prefix);
  if (!p || !t) return globMatchesPrefix(pattern, prefix, mode);
  for (let i = 0; i < 4; i++) if (!globMatches(p[i], t[i])) return false;
  return globMatchesPrefix(p[4], t[4], mode);
}
