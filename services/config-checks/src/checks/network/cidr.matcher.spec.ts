import { cidrMatcher } from './cidr.matcher';
import { openWhitelistEntries } from './whitelist.inspector';

describe('world-open address matching', () => {
  it.each(['0.0.0.0/0', '0.0.0.0', ' 0.0.0.0/0 ', '::/0', '10.1.2.3/0'])('treats %p as the whole internet', (entry) => {
    expect(cidrMatcher.isWorld(entry)).toBe(true);
  });

  it.each(['10.0.0.0/8', '0.0.0.0/1', '127.0.0.1', 'sg-123', '', '2001:db8::/32'])('does not treat %p as the whole internet', (entry) => {
    expect(cidrMatcher.isWorld(entry)).toBe(false);
  });

  it('tells the address family apart', () => {
    expect(cidrMatcher.isWorld('::/0', 'ipv4')).toBe(false);
    expect(cidrMatcher.isWorld('0.0.0.0/0', 'ipv6')).toBe(false);
  });

  it('flags prefixes up to broadPrefix as broad', () => {
    expect(cidrMatcher.isBroad('10.0.0.0/8', 8)).toBe(true);
    expect(cidrMatcher.isBroad('10.0.0.0/9', 8)).toBe(false);
  });
});

describe('database whitelists', () => {
  it('splits joined lists on commas, where peers compare the whole string or substrings', () => {
    const open = openWhitelistEntries([{ name: 'g', attribute: null, ipType: 'IPv4', entries: ['10.0.0.1,0.0.0.0/0', '100.0.0.0/8'] }], 0);
    expect(open.map((o) => o.entry)).toEqual(['0.0.0.0/0']);
  });

  it('does not mistake 10.0.0.0 for 0.0.0.0 (substring matching would)', () => {
    expect(openWhitelistEntries([{ name: 'g', attribute: null, ipType: 'IPv4', entries: ['10.0.0.0/24', '100.0.0.0'] }], 0)).toEqual([]);
  });
});
