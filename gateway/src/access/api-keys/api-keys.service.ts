import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  BadUserInputError,
  isPermission,
  NATS_CONNECTION,
  NotFoundError,
  PERMISSIONS,
  TENANT_DATABASE,
  type Identity,
  type Permission,
  type TenantDatabase,
} from '@rampart/platform';
import { issueApiKey } from './api-key-secret';
import { announceApiKeyRevoked } from './api-key-revoked.notice';
import type { ApiKeyModel } from './api-key.model';
import { API_KEY_COLUMNS, type ApiKeyRow } from './api-key.row';
import type { CreatedApiKeyModel } from './created-api-key.model';

export const API_KEY_PEPPER = Symbol('API_KEY_PEPPER');
const MAX_NAME_LENGTH = 100;

function toModel(row: ApiKeyRow): ApiKeyModel {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Scopes in canonical order, each a known permission; the first unknown one is named by its index. */
function validScopes(scopes: string[]): Permission[] {
  if (scopes.length === 0) throw new BadUserInputError('An API key needs at least one scope', 'scopes');
  scopes.forEach((scope, index) => {
    if (!isPermission(scope)) throw new BadUserInputError(`Unknown scope "${scope}"; scopes are ${PERMISSIONS.join(', ')}`, `scopes[${index}]`);
  });
  return PERMISSIONS.filter((permission) => scopes.includes(permission));
}

/** Creates, lists and revokes the tenant's API keys; row-level security scopes every statement. */
@Injectable()
export class ApiKeysService {
  constructor(
    @Inject(TENANT_DATABASE) private readonly database: TenantDatabase,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(API_KEY_PEPPER) private readonly pepper: string,
  ) {}

  async create(identity: Identity, name: string, scopes: string[]): Promise<CreatedApiKeyModel> {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > MAX_NAME_LENGTH) {
      throw new BadUserInputError(`name must be 1 to ${MAX_NAME_LENGTH} characters`, 'name');
    }
    const granted = validScopes(scopes);
    const issued = issueApiKey(this.pepper);
    const [row] = await this.database.run(identity.tenantId, (manager) =>
      manager.query(
        `INSERT INTO api_keys (id, tenant_id, name, scopes, secret_hash, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${API_KEY_COLUMNS}`,
        [issued.id, identity.tenantId, trimmed, granted, issued.secretHash, identity.subject],
      ),
    ) as ApiKeyRow[];
    return { id: row.id, name: row.name, scopes: row.scopes, secret: issued.key, createdAt: row.created_at };
  }

  async list(tenantId: string): Promise<ApiKeyModel[]> {
    const rows = (await this.database.run(tenantId, (manager) =>
      manager.query(`SELECT ${API_KEY_COLUMNS} FROM api_keys ORDER BY created_at, id`),
    )) as ApiKeyRow[];
    return rows.map(toModel);
  }

  /** Revokes at once: the next request with the key is refused, and its open WebSockets are closed. */
  async revoke(tenantId: string, id: string): Promise<ApiKeyModel> {
    const rows = (await this.database.run(tenantId, async (manager) => {
      await manager.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
      return manager.query(`SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE id = $1`, [id]);
    })) as ApiKeyRow[];
    if (rows.length === 0) throw new NotFoundError('API key');
    announceApiKeyRevoked(this.nats, { id, tenantId });
    return toModel(rows[0]);
  }
}
