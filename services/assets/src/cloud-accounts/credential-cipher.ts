import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface SealedCredentials {
  ciphertext: Buffer;
  iv: Buffer;
  tag: Buffer;
}

/** AES-256-GCM with a random 96-bit IV per record; the tenant and account id are bound in as associated data. */
export class CredentialCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The credentials key must be 32 bytes');
  }

  seal(plaintext: unknown, associatedData: string): SealedCredentials {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(associatedData));
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(plaintext), 'utf8'), cipher.final()]);
    return { ciphertext, iv, tag: cipher.getAuthTag() };
  }

  open<T>(sealed: SealedCredentials, associatedData: string): T {
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.iv);
    decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(sealed.tag);
    return JSON.parse(Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8')) as T;
  }
}

/** `LTAI5tAbCdEf1234abcd` → `LTAI****abcd`: enough to recognise a key, never enough to use it. */
export function maskAccessKeyId(accessKeyId: string): string {
  return accessKeyId.length <= 8 ? '****' : `${accessKeyId.slice(0, 4)}****${accessKeyId.slice(-4)}`;
}
