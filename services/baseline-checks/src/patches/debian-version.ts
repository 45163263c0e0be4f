/** A Debian version `[epoch:]upstream[-revision]` (deb-version(7)). */
export interface DebianVersion {
  readonly epoch: number;
  readonly upstream: string;
  readonly revision: string;
}

export class InvalidDebianVersionError extends Error {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    readonly version: string,
    reason: string,
  ) {
    super(`invalid Debian version "${version}": ${reason}`);
  }
}

/** Parses like dpkg's parseversion(): epoch before the first ':', revision after the last '-'. */
export function parseDebianVersion(text: string): DebianVersion {
  const version = text.trim();
  if (version === '') throw new InvalidDebianVersionError(text, 'empty');
  if (/\s/.test(version)) throw new InvalidDebianVersionError(text, 'contains whitespace');
  let epoch = 0;
  let rest = version;
  const colon = version.indexOf(':');
  if (colon >= 0) {
    const epochText = version.slice(0, colon);
    if (epochText === '') throw new InvalidDebianVersionError(text, 'empty epoch');
    if (!/^\d+$/.test(epochText)) throw new InvalidDebianVersionError(text, 'epoch is not a number');
    epoch = Number(epochText);
    if (!Number.isSafeInteger(epoch) || epoch > 2147483647) throw new InvalidDebianVersionError(text, 'epoch is too big');
    rest = version.slice(colon + 1);
  }
  const hyphen = rest.lastIndexOf('-');
  const upstream = hyphen >= 0 ? rest.slice(0, hyphen) : rest;
  const revision = hyphen >= 0 ? rest.slice(hyphen + 1) : '';
  if (upstream === '') throw new InvalidDebianVersionError(text, 'empty version number');
  if (hyphen >= 0 && revision === '') throw new InvalidDebianVersionError(text, 'empty revision');
  if (!/^\d/.test(upstream)) throw new InvalidDebianVersionError(text, 'version number does not start with a digit');
  if (/[^A-Za-z0-9.+~:-]/.test(upstream)) throw new InvalidDebianVersionError(text, 'invalid character in version number');
  if (/[^A-Za-z0-9.+~]/.test(revision)) throw new InvalidDebianVersionError(text, 'invalid character in revision number');
  return { epoch, upstream, revision };
}

/** dpkg's order(): `~` before everything (even the end), then the end, then letters, then other characters. */
function order(code: number): number {
  if (code >= 48 && code <= 57) return 0; // digit
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return code; // letter
  if (code === 126) return -1; // ~
  if (code !== 0) return code + 256;
  return 0;
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** dpkg's verrevcmp(): alternate non-digit and digit runs. */
export function compareVersionPart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !isDigit(a.charCodeAt(i))) || (j < b.length && !isDigit(b.charCodeAt(j)))) {
      const ac = order(i < a.length ? a.charCodeAt(i) : 0);
      const bc = order(j < b.length ? b.charCodeAt(j) : 0);
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    while (i < a.length && a.charCodeAt(i) === 48) i++;
    while (j < b.length && b.charCodeAt(j) === 48) j++;
    while (i < a.length && isDigit(a.charCodeAt(i)) && j < b.length && isDigit(b.charCodeAt(j))) {
      if (firstDiff === 0) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (i < a.length && isDigit(a.charCodeAt(i))) return 1;
    if (j < b.length && isDigit(b.charCodeAt(j))) return -1;
    if (firstDiff !== 0) return firstDiff;
  }
  return 0;
}

/** Compares two Debian versions: negative, zero or positive like dpkg --compare-versions. */
export function compareDebianVersions(a: string | DebianVersion, b: string | DebianVersion): number {
  const va = typeof a === 'string' ? parseDebianVersion(a) : a;
  const vb = typeof b === 'string' ? parseDebianVersion(b) : b;
  if (va.epoch !== vb.epoch) return va.epoch > vb.epoch ? 1 : -1;
  const upstream = compareVersionPart(va.upstream, vb.upstream);
  if (upstream !== 0) return Math.sign(upstream);
  return Math.sign(compareVersionPart(va.revision, vb.revision));
}
