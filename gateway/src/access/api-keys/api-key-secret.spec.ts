import { apiKeySecretMatches, issueApiKey, parseApiKey } from './api-key-secret';

const PEPPER = 'a-pepper-of-at-least-thirty-two-characters';

describe('API key secrets', () => {
  it('issues keys of the form rk_<id>_<secret> that parse back into their id and secret', () => {
    const issued = issueApiKey(PEPPER);

    const parsed = parseApiKey(issued.key);

    expect(issued.key).toMatch(/^rk_[0-9a-f]{20}_[A-Za-z0-9_-]{43}$/);
    expect(parsed?.id).toBe(issued.id);
    expect(issued.key.endsWith(parsed?.secret ?? '-')).toBe(true);
  });

  it('stores a hash that matches the secret only with the same pepper', () => {
    const issued = issueApiKey(PEPPER);
    const { secret } = parseApiKey(issued.key)!;

    expect(issued.secretHash.toString('utf8')).not.toContain(secret);
    expect(apiKeySecretMatches(secret, PEPPER, issued.secretHash)).toBe(true);
    expect(apiKeySecretMatches(secret, `${PEPPER}!`, issued.secretHash)).toBe(false);
    expect(apiKeySecretMatches(`${secret.slice(0, -1)}x`, PEPPER, issued.secretHash)).toBe(false);
  });

  it.each(['', 'rk_', 'rk_0123_abc', `rk_${'g'.repeat(20)}_${'a'.repeat(43)}`, `pk_${'0'.repeat(20)}_${'a'.repeat(43)}`])(
    'refuses %j as not a key',
    (key) => {
      expect(parseApiKey(key)).toBeUndefined();
    },
  );

  it('never issues the same key twice', () => {
    const keys = new Set(Array.from({ length: 200 }, () => issueApiKey(PEPPER).key));

    expect(keys.size).toBe(200);
  });
});
