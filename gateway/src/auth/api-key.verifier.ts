import type { DataSource } from 'typeorm';
import { isPermission, UnauthenticatedError, type Identity, type Logger } from '@rampart/platform';
import { apiKeySecretMatches, parseApiKey } from '../access/api-keys/api-key-secret';

interface VerificationRow {
  tenant_id: string;
  scopes: string[];
  secret_hash: Buffer;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const TOUCH_EVERY_MS = 60_000;

/**
 * Verifies `X-Api-Key` against the access database on every request, by primary key (one indexed read):
 * no cache, so a revocation holds on every replica from the next request. Last use is written at most
 * once a minute per key (one request a minute pays for one more statement).
 */
export class ApiKeyVerifier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pepper: string,
    private readonly logger: Logger,
  ) {}

  async verify(key: string): Promise<Identity> {
    const presented = parseApiKey(key);
    if (!presented) throw new UnauthenticatedError('Invalid API key');
    const rows = (await this.dataSource.query('SELECT * FROM api_key_for_verification($1)', [presented.id])) as VerificationRow[];
    const row = rows[0];
    // The same answer for an unknown id and a wrong secret: nothing to learn about which ids exist.
    if (!row || !apiKeySecretMatches(presented.secret, this.pepper, row.secret_hash)) throw new UnauthenticatedError('Invalid API key');
    if (row.revoked_at) throw new UnauthenticatedError('API key revoked');
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() >= TOUCH_EVERY_MS) {
      await this.dataSource
        .query('SELECT touch_api_key($1)', [presented.id])
        .catch((error: unknown) => this.logger.warn({ err: error, apiKeyId: presented.id }, 'could not record API key use'));
    }
    return {
      subject: `api-key:${presented.id}`,
      tenantId: row.tenant_id,
      roles: [],
      permissions: row.scopes.filter(isPermission),
      via: 'api_key',
      apiKeyId: presented.id,
    };
  }
}
