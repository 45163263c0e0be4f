import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A partner API key is `rk_<id>_<secret>`: the id (20 hex characters) names the row, the secret (32 random
 * bytes, base64url) proves possession. Only HMAC-SHA256(pepper, secret) is stored, so the database alone
 * neither reveals a key nor lets anyone test guesses without the server's pepper.
 */
const KEY_FORMAT = /^rk_([0-9a-f]{20})_([A-Za-z0-9_-]{43})$/;

export interface IssuedApiKey {
  id: string;
  /** The whole key, shown to its creator once. */
  key: string;
  secretHash: Buffer;
}

export interface PresentedApiKey {
  id: string;
  secret: string;
}

export function issueApiKey(pepper: string): IssuedApiKey {
  const id = randomBytes(10).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, key: `rk_${id}_${secret}`, secretHash: hashApiKeySecret(secret, pepper) };
}

/** The parts of a presented key, or undefined when it is not shaped like one of ours. */
export function parseApiKey(key: string): PresentedApiKey | undefined {
  const match = KEY_FORMAT.exec(key.trim());
  return match ? { id: match[1], secret: match[2] } : undefined;
}

export function hashApiKeySecret(secret: string, pepper: string): Buffer {
  return createHmac('sha256', pepper).update(secret).digest();
}

/** Constant-time comparison of a presented secret with the stored hash. */
export function apiKeySecretMatches(secret: string, pepper: string, storedHash: Buffer): boolean {
  const presented = hashApiKeySecret(secret, pepper);
  return presented.length === storedHash.length && timingSafeEqual(presented, storedHash);
}
