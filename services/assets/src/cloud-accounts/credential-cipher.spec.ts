import { randomBytes } from 'node:crypto';
import { CredentialCipher, maskAccessKeyId } from './credential-cipher';

describe('credential cipher', () => {
  const cipher = new CredentialCipher(randomBytes(32));

  it('opens what it sealed, for the same tenant and account only', () => {
    const sealed = cipher.seal({ accessKeySecret: 's3cret' }, 't1:a1');
    expect(sealed.ciphertext.toString('utf8')).not.toContain('s3cret');
    expect(cipher.open(sealed, 't1:a1')).toEqual({ accessKeySecret: 's3cret' });
    expect(() => cipher.open(sealed, 't2:a1')).toThrow();
    expect(() => new CredentialCipher(randomBytes(32)).open(sealed, 't1:a1')).toThrow();
  });

  it('masks an AccessKey id to its first and last four characters', () => {
    expect(maskAccessKeyId('LTAI5tAbCdEfGh12abcd')).toBe('LTAI****abcd');
    expect(maskAccessKeyId('short')).toBe('****');
  });
});
