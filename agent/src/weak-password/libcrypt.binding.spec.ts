import { testAccountPasswords } from './account-password.tester';
import { Libcrypt } from './libcrypt.binding';

describe('password hashes through the system libcrypt', () => {
  const libcrypt = Libcrypt.load();

  it.each(['$y$', '$6$', '$5$', '$1$'] as const)('hashes and verifies %s like passwd and PAM', (prefix) => {
    const hash = libcrypt.hash('correct horse', prefix);
    expect(hash.startsWith(prefix)).toBe(true);
    expect(libcrypt.crypt('correct horse', hash)).toBe(hash);
    expect(libcrypt.crypt('wrong horse', hash)).not.toBe(hash);
  });

  it('verifies a known sha512crypt vector', () => {
    // from the SHA-crypt specification (Drepper), rounds=5000 default
    expect(libcrypt.crypt('Hello world!', '$6$saltstring')).toBe('$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1');
  });

  it('says when a stored form is not supported instead of guessing', () => {
    expect(libcrypt.supports('$9$unknown$method')).toBe(false);
    expect(libcrypt.supports(libcrypt.hash('x', '$y$'))).toBe(true);
  });

  it('finds a dictionary word, a username-derived and an empty password, and stops at the deadline', async () => {
    const hashes = new Map([
      ['alice', libcrypt.hash('sunshine', '$6$')],
      ['bob', libcrypt.hash('Bob123', '$6$')],
      ['carol', libcrypt.hash('', '$6$')],
      ['dave', libcrypt.hash('not-in-any-list-7f3a', '$6$')],
    ]);
    const verdicts = await testAccountPasswords(libcrypt, hashes, { words: ['password', 'sunshine'], hostname: 'web1', deadline: Date.now() + 60_000, lanes: 2 });
    expect(verdicts.map((v) => [v.account, v.weak, v.reason, v.complete])).toEqual([
      ['alice', true, 'dictionary', true],
      ['bob', true, 'username', true],
      ['carol', true, 'empty', true],
      ['dave', false, undefined, true],
    ]);
    const late = await testAccountPasswords(libcrypt, new Map([['dave', hashes.get('dave') as string]]), { words: ['a', 'b'], hostname: 'h', deadline: Date.now() - 1 });
    expect(late[0]).toEqual(expect.objectContaining({ weak: false, complete: false, note: 'time budget exhausted' }));
  });
});
