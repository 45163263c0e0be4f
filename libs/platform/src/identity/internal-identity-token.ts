import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { isPermission, isRole, TENANT_ID_PATTERN, type Identity } from './identity';
import { UnauthenticatedError } from '../errors/rampart-error';

/** Header that carries the gateway-signed identity to subgraphs. Clients' copies are stripped. */
export const IDENTITY_HEADER = 'x-rampart-identity';
const AUDIENCE = 'rampart-subgraph';
const ISSUER = 'rampart-gateway';

function keyOf(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Signs an identity for one hop from the gateway (or a trusted internal caller) to a subgraph. */
export async function signInternalIdentity(identity: Identity, secret: string, ttlSeconds = 300): Promise<string> {
  return new SignJWT({
    tid: identity.tenantId,
    roles: identity.roles,
    perms: identity.permissions,
    via: identity.via,
    ...(identity.apiKeyId ? { kid: identity.apiKeyId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.subject)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keyOf(secret));
}

/** Verifies a forwarded identity; anything wrong is UNAUTHENTICATED, never a crash. */
export async function verifyInternalIdentity(token: string, secret: string): Promise<Identity> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { audience: AUDIENCE, issuer: ISSUER, algorithms: ['HS256'] });
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
    const permissions = Array.isArray(payload.perms) ? payload.perms.filter(isPermission) : [];
    if (typeof payload.sub !== 'string' || typeof payload.tid !== 'string' || !TENANT_ID_PATTERN.test(payload.tid)) {
      throw new UnauthenticatedError('Invalid forwarded identity');
    }
    const via = payload.via === 'api_key' || payload.via === 'internal' ? payload.via : 'jwt';
    return {
      subject: payload.sub,
      tenantId: payload.tid,
      roles,
      permissions,
      via,
      ...(typeof payload.kid === 'string' ? { apiKeyId: payload.kid } : {}),
    };
  } catch (error) {
    if (error instanceof UnauthenticatedError) throw error;
    if (error instanceof joseErrors.JOSEError) throw new UnauthenticatedError('Invalid forwarded identity');
    throw error;
  }
}
