import { UnauthenticatedError, type Identity } from '@rampart/platform';
import type { ApiKeyVerifier } from './api-key.verifier';
import type { BearerVerifier } from './bearer-verifier';

/** What a caller presented: the `Authorization` and `X-Api-Key` headers, or the same in `connectionInit`. */
export interface PresentedCredentials {
  authorization?: string;
  apiKey?: string;
}

/**
 * Turns presented credentials into an identity, the same way for HTTP and WebSocket: a bearer JWT
 * (permissions from its roles) or a partner API key (permissions = its scopes, no roles).
 */
export class RequestAuthenticator {
  constructor(
    private readonly bearer: BearerVerifier,
    private readonly apiKeys: ApiKeyVerifier,
  ) {}

  async authenticate({ authorization, apiKey }: PresentedCredentials): Promise<Identity> {
    if (authorization && apiKey) throw new UnauthenticatedError('Send either a bearer token or an API key, not both');
    if (apiKey) return this.apiKeys.verify(apiKey);
    if (!authorization) throw new UnauthenticatedError('Authentication required');
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new UnauthenticatedError('Authorization must be "Bearer <token>"');
    return this.bearer.verify(match[1]);
  }
}
