import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { BearerVerifier } from './bearer-verifier';

const SECRET = 'a-development-secret-of-at-least-32-chars';

function hs256(claims: Record<string, unknown>, expiresIn = '1h', secret = SECRET): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setExpirationTime(expiresIn).sign(new TextEncoder().encode(secret));
}

describe('BearerVerifier', () => {
  it('turns an HS256 token into an identity whose permissions follow its roles', async () => {
    const token = await hs256({ tid: 'acme', roles: ['analyst'] });
    const identity = await new BearerVerifier({ secret: SECRET }).verify(token);
    const exp = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp as number;
    expect(identity).toEqual({ subject: 'alice', tenantId: 'acme', roles: ['analyst'], permissions: ['read', 'scan'], via: 'jwt', expiresAt: exp * 1000 });
  });

  it('gives admin every permission and viewer only read', async () => {
    const verifier = new BearerVerifier({ secret: SECRET });
    expect((await verifier.verify(await hs256({ tid: 'acme', roles: ['admin'] }))).permissions).toEqual(['read', 'scan', 'fix', 'billing', 'admin']);
    expect((await verifier.verify(await hs256({ tid: 'acme', roles: ['viewer'] }))).permissions).toEqual(['read']);
  });

  it.each([
    ['an expired token', () => hs256({ tid: 'acme', roles: ['admin'] }, '-1m'), /expired/],
    ['a token signed with another secret', () => hs256({ tid: 'acme', roles: ['admin'] }, '1h', 'x'.repeat(40)), /Invalid token/],
    ['a token without a tenant', () => hs256({ roles: ['admin'] }), /tenant/],
    ['a token with a malformed tenant', () => hs256({ tid: 'acme corp', roles: ['admin'] }), /tenant/],
    ['a token with no known role', () => hs256({ tid: 'acme', roles: ['root'] }), /role/],
  ])('refuses %s as UNAUTHENTICATED', async (_name, make, message) => {
    await expect(new BearerVerifier({ secret: SECRET }).verify(await make())).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(message) });
  });

  describe('with RS256 keys from a JWKS endpoint', () => {
    let server: Server;
    let url: string;
    let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      privateKey = pair.privateKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
      server = createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('accepts a token signed by a published key', async () => {
      const token = await new SignJWT({ tid: 'acme', roles: ['viewer'] })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('bob')
        .setExpirationTime('5m')
        .sign(privateKey);
      await expect(new BearerVerifier({ jwksUrl: url }).verify(token)).resolves.toMatchObject({ subject: 'bob', tenantId: 'acme' });
    });

    it('refuses an HS256 token when keys come from JWKS', async () => {
      await expect(new BearerVerifier({ jwksUrl: url }).verify(await hs256({ tid: 'acme', roles: ['admin'] }))).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
    });
  });
});
