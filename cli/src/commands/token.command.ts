import { Command, InvalidArgumentError } from 'commander';
import { SignJWT } from 'jose';
import { isRole, TENANT_ID_PATTERN, type Role } from '@rampart/platform';
import { developmentJwtSecret } from '../dev-secret';

const TTL_PATTERN = /^\d+[smhd]$/;

/** Mints an HS256 development token for a tenant, signed with AUTH_JWT_SECRET or the dev secret. */
export async function mintToken(options: { tenant: string; roles: Role[]; ttl: string; subject: string; secret: string }): Promise<string> {
  return new SignJWT({ tid: options.tenant, roles: options.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.subject)
    .setIssuedAt()
    .setExpirationTime(options.ttl)
    .sign(new TextEncoder().encode(options.secret));
}

export function tokenCommand(): Command {
  return new Command('token')
    .description('mint a development JWT for a tenant')
    .requiredOption('--tenant <tenant>', 'tenant id (1-64 of A-Z a-z 0-9 _ -)', (value) => {
      if (!TENANT_ID_PATTERN.test(value)) throw new InvalidArgumentError('tenant must be 1-64 of [A-Za-z0-9_-]');
      return value;
    })
    .option('--roles <roles>', 'comma-separated roles: admin, analyst, viewer', (value) => {
      const roles = value.split(',').map((role) => role.trim());
      const bad = roles.find((role) => !isRole(role));
      if (bad) throw new InvalidArgumentError(`unknown role "${bad}"`);
      return roles as Role[];
    }, ['admin'] as Role[])
    .option('--ttl <ttl>', 'lifetime such as 30m, 1h, 7d', (value) => {
      if (!TTL_PATTERN.test(value)) throw new InvalidArgumentError('ttl must look like 30m, 1h or 7d');
      return value;
    }, '1h')
    .option('--subject <sub>', 'the token subject', 'developer')
    .action(async (options: { tenant: string; roles: Role[]; ttl: string; subject: string }) => {
      const secret = developmentJwtSecret();
      if (!secret) {
        process.stderr.write('No AUTH_JWT_SECRET and no .rampart/jwt-secret: run `npm start` once or set AUTH_JWT_SECRET.\n');
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`${await mintToken({ ...options, secret })}\n`);
    });
}
