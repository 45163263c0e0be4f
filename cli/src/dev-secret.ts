import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where `npm start` keeps its local state (embedded Postgres, NATS data, the dev JWT secret). */
export const STATE_DIR = process.env.RAMPART_HOME ?? join(__dirname, '..', '..', '.rampart');
const SECRET_FILE = join(STATE_DIR, 'jwt-secret');

/** The HS256 secret: AUTH_JWT_SECRET, else the development one in .rampart/ (created once). */
export function developmentJwtSecret(create = false): string | undefined {
  if (process.env.AUTH_JWT_SECRET) return process.env.AUTH_JWT_SECRET;
  if (existsSync(SECRET_FILE)) return readFileSync(SECRET_FILE, 'utf8').trim();
  if (!create) return undefined;
  mkdirSync(dirname(SECRET_FILE), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(SECRET_FILE, `${secret}\n`, { mode: 0o600 });
  return secret;
}
