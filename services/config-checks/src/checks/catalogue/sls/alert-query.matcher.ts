const compiled = new Map<string, RegExp>();

/** A term as it must appear in an SLS alert query: a whole word, or a word prefix when it ends with "*". */
function termPattern(term: string): RegExp {
  let re = compiled.get(term);
  if (re === undefined) {
    const prefix = term.endsWith('*');
    const body = (prefix ? term.slice(0, -1) : term).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    re = new RegExp(`(?<![A-Za-z0-9_])${body}${prefix ? '' : '(?![A-Za-z0-9_])'}`, 'i');
    compiled.set(term, re);
  }
  return re;
}

/** True when the query text names every `allOf` term and, if any are given, at least one `anyOf` term. */
export function alertQueryMatches(query: string, allOf: readonly string[], anyOf: readonly string[]): boolean {
  for (const term of allOf) if (!termPattern(term).test(query)) return false;
  return anyOf.length === 0 || anyOf.some((term) => termPattern(term).test(query));
}
