import { createRemoteJWKSet, jwtVerify, errors as joseErrors, type JWTVerifyGetKey } from 'jose';
import {
  isRole,
  permissionsOfRoles,
  TENANT_ID_PATTERN,
  UnauthenticatedError,
  type Identity,
  type Role,
} from '@rampart/platform';
import { TtlCache } from './ttl-cache';

/** A verified token is trusted again for at most this long (never past its own expiry). */
const VERIFIED_TTL_MS = 60_000;

/**
 * Verifies client bearer tokens: HS256 with AUTH_JWT_SECRET, or RS256 against AUTH_JWKS_URL.
 * Claims: `sub`, `tid` (tenant), `roles` (admin ⊇ analyst ⊇ viewer), `exp` (required).
 */
export class BearerVerifier {
  private readonly secret?: Uint8Array;
  private readonly jwks?: JWTVerifyGetKey;
  private readonly verified = new TtlCache<Identity>(50_000);

  constructor(options: { secret?: string; jwksUrl?: string }) {
    if (options.secret) this.secret = new TextEncoder().encode(options.secret);
    if (options.jwksUrl) this.jwks = createRemoteJWKSet(new URL(options.jwksUrl));
    if (!this.secret && !this.jwks) throw new Error('BearerVerifier needs a secret or a JWKS URL');
  }

  async verify(token: string): Promise<Identity> {
    const cached = this.verified.get(token);
    if (cached) return cached;
    return this.verifyUncached(token);
  }

  private async verifyUncached(token: string): Promise<Identity> {
    try {
      const { payload } = this.jwks
        ? await jwtVerify(token, this.jwks, { algorithms: ['RS256'], requiredClaims: ['exp', 'sub'] })
        : await jwtVerify(token, this.secret as Uint8Array, { algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] });
      if (typeof payload.tid !== 'string' || !TENANT_ID_PATTERN.test(payload.tid)) {
        throw new UnauthenticatedError('Token has no valid tenant (tid)');
      }
      const roles: Role[] = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
      if (roles.length === 0) throw new UnauthenticatedError('Token grants no role');
      const identity: Identity = {
        subject: String(payload.sub),
        tenantId: payload.tid,
        roles,
        permissions: permissionsOfRoles(roles),
        via: 'jwt',
        expiresAt: (payload.exp ?? 0) * 1000,
      };
      this.verified.set(token, identity, Math.min(Date.now() + VERIFIED_TTL_MS, (payload.exp ?? 0) * 1000));
      return identity;
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('Token expired');
      if (error instanceof joseErrors.JOSEError) throw new UnauthenticatedError('Invalid token');
      throw error;
    }
  }
}
