import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { compareDebianVersions, InvalidDebianVersionError, parseDebianVersion } from './debian-version';

const sign = (n: number): number => Math.sign(n);

describe('Debian version ordering (dpkg --compare-versions semantics)', () => {
  // [a, b, expected sign of compare(a, b)] — cases after dpkg's lib/dpkg/t/t-version.c and deb-version(7)
  const cases: readonly [string, string, -1 | 0 | 1][] = [
    ['0', '0', 0],
    ['0', '00', 0],
    ['1.0', '1.00', 0],
    ['1.0', '1.0-0', 0], // dpkg: an absent revision is "", and leading zeros vanish: "" equals "0"
    ['0:1.0', '1.0', 0],
    ['1:0', '0:99999', 1],
    ['1:1.0', '2.0', 1],
    ['2:1.0', '10:0.1', -1],
    ['1.2.3', '1.2.10', -1],
    ['1.2.10', '1.2.9', 1],
    ['1.0a', '1.0', 1],
    ['1.0a', '1.0b', -1],
    ['1.0a', '1.0.', -1], // letters sort before non-letters
    ['1.0+dfsg', '1.0', 1],
    ['1.0+b1', '1.0.1', -1], // '+' (43) before '.' (46)
    ['1.0~rc1', '1.0', -1],
    ['1.0~rc1', '1.0~rc2', -1],
    ['1.0~~', '1.0~', -1],
    ['1.0~~a', '1.0~', -1],
    ['1.0~', '1.0', -1],
    ['1.0~', '1.0~a', -1],
    ['1.0~a', '1.0', -1],
    ['1.0', '1.0a', -1],
    ['1.0-1', '1.0-1~bpo1', 1],
    ['1.0-1~deb12u1', '1.0-1', -1],
    ['3.0.11-1~deb12u2', '3.0.11-1~deb12u1', 1],
    ['3.0.11-1~deb12u2', '3.0.13-1~deb12u1', -1],
    ['3.0.15-1~deb12u1', '3.0.11-1~deb12u2', 1],
    ['2.36.1-8+deb12u1', '2.36.1-8', 1],
    ['1:9.18.28-1~deb12u2', '1:9.18.24-1', 1],
    ['7.88.1-10+deb12u8', '7.88.1-10+deb12u12', -1],
    ['1.0-1', '1.0-1', 0],
    ['1.0-1', '1.0-2', -1],
    ['1.0-a', '1.0-1', 1],
    ['1.0-1.1', '1.0-1+b1', 1],
    ['2.30-1', '2.3-1', 1],
    ['1.2-3-4', '1.2-3-5', -1], // the last hyphen starts the revision
    ['1:1.2:3-1', '1:1.2:4-1', -1], // colons belong to upstream after an epoch
    ['0.0.0.0.0', '0.0', 1],
    ['10', '9', 1],
    ['001', '1', 0],
    ['a1', 'a1', 0],
  ];

  it.each(cases.filter(([a]) => /^\d/.test(a)))('compares %s with %s', (a, b, expected) => {
    expect(sign(compareDebianVersions(a, b))).toBe(expected);
    expect(sign(compareDebianVersions(b, a))).toBe(-expected || 0);
  });

  it('splits epoch, upstream and revision like parseversion()', () => {
    expect(parseDebianVersion('1:2.3-4')).toEqual({ epoch: 1, upstream: '2.3', revision: '4' });
    expect(parseDebianVersion('2.3')).toEqual({ epoch: 0, upstream: '2.3', revision: '' });
    expect(parseDebianVersion('2.3-4-5')).toEqual({ epoch: 0, upstream: '2.3-4', revision: '5' });
    expect(parseDebianVersion(' 1.0 ')).toEqual({ epoch: 0, upstream: '1.0', revision: '' });
  });

  it.each([
    ['', 'empty'],
    [':1.0', 'empty epoch'],
    ['a:1.0', 'epoch is not a number'],
    ['1.0-', 'empty revision'],
    ['-1', 'empty version number'],
    ['a1.0', 'does not start with a digit'],
    ['1.0 2', 'whitespace'],
    ['1.0_1', 'invalid character in version number'],
    ['1.0-1_2', 'invalid character in revision'],
    ['1.0-1:2', 'epoch is not a number'],
    ['99999999999:1', 'epoch is too big'],
  ])('rejects %j (%s)', (text, reason) => {
    expect(() => parseDebianVersion(text)).toThrow(InvalidDebianVersionError);
    expect(() => parseDebianVersion(text)).toThrow(reason);
  });

  it('sorts a list as dpkg does', () => {
    const versions = ['1.0', '1.0~rc1', '1:0.1', '1.0-1', '1.0+b1', '1.0~~', '0.9', '1.0a', '1.0.1'];
    expect([...versions].sort(compareDebianVersions)).toEqual(['0.9', '1.0~~', '1.0~rc1', '1.0', '1.0-1', '1.0a', '1.0+b1', '1.0.1', '1:0.1']);
  });

  it('orders the versions installed on this Debian machine exactly as its dpkg does', () => {
    const installed = [...readFileSync('/var/lib/dpkg/status', 'utf8').matchAll(/^Version: (.+)$/gm)].map((m) => m[1]!);
    const sorted = [...new Set(installed)].sort(compareDebianVersions);
    expect(sorted.length).toBeGreaterThan(50);
    // Each neighbour pair, asked of dpkg itself: strictly lower, or equal where we say equal.
    const disagreements = sorted.slice(1).flatMap((version, index) => {
      const previous = sorted[index]!;
      const relation = compareDebianVersions(previous, version) === 0 ? 'eq' : 'lt';
      return spawnSync('dpkg', ['--compare-versions', previous, relation, version]).status === 0 ? [] : [`${previous} ${relation} ${version}`];
    });
    expect(disagreements).toEqual([]);
  });
});
