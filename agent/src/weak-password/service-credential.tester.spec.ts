import { mariadbGlobalPrivRows, mysqlNativeHash, scramMatches } from './service-credential.tester';

const row = (host: string, user: string, json: object): Buffer => {
  const body = Buffer.from(JSON.stringify(json), 'latin1');
  const header = Buffer.alloc(8);
  header.writeUInt16LE(host.length, 0);
  header.writeUInt16LE(user.length, 2);
  header.writeUInt32LE(body.length, 4);
  return Buffer.concat([Buffer.from([0x01, 0x08, 0x00]), header, Buffer.from(host + user, 'latin1'), body]);
};

describe('database credential verifiers', () => {
  it('computes mysql_native_password like PASSWORD()', () => {
    expect(mysqlNativeHash('password')).toBe('*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19');
  });

  it('reads accounts from MariaDB global_priv rows', () => {
    const data = Buffer.concat([
      Buffer.alloc(37),
      row('localhost', 'root', { access: 1, plugin: 'mysql_native_password', authentication_string: 'invalid', auth_or: [{}, { plugin: 'unix_socket' }] }),
      row('%', 'app', { access: 0, plugin: 'mysql_native_password', authentication_string: mysqlNativeHash('password') }),
    ]);
    expect(mariadbGlobalPrivRows(data).map((r) => [r.user, r.host, r.json.authentication_string])).toEqual([
      ['root', 'localhost', 'invalid'],
      ['app', '%', '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19'],
    ]);
  });

  it('checks PostgreSQL SCRAM-SHA-256 verifiers', () => {
    // a verifier built per RFC 5802/7677 as PostgreSQL stores it: SCRAM-SHA-256$4096:<salt>$<StoredKey>:<ServerKey>
    const { createHash, createHmac, pbkdf2Sync } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const salt = Buffer.from('saltsaltsaltsalt');
    const stored = createHash('sha256').update(createHmac('sha256', pbkdf2Sync('password', salt, 4096, 32, 'sha256')).update('Client Key').digest()).digest('base64');
    expect(scramMatches({ iterations: 4096, salt, storedKey: stored }, 'password')).toBe(true);
    expect(scramMatches({ iterations: 4096, salt, storedKey: stored }, 'Password')).toBe(false);
  });
});
