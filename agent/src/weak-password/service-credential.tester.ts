import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import type { ServiceCredentialReason, ServiceCredentialVerdict } from '@rampart/host-facts';
import { activeLines } from '../collect/config-text.parser';
import { parsePgHba, postgresClusterDirs, readMysqlOptionFiles, readRedisConfig, redisConfigFiles } from '../collect/database-config.reader';
import type { HostReader } from '../collect/host.reader';
import { usernameCandidates } from './password-dictionary';

export interface ServiceCredentialTestOptions {
  readonly words: readonly string[];
  readonly hostname: string;
  readonly deadline: number;
}

type Verdict = ServiceCredentialVerdict;

/** Judges a plaintext secret found in a configuration file. */
function judgePlaintext(secret: string, account: string, options: ServiceCredentialTestOptions): ServiceCredentialReason | null {
  if (secret === '') return 'empty';
  if (usernameCandidates(account, options.hostname).includes(secret)) return 'username';
  if (options.words.includes(secret)) return 'dictionary';
  return null;
}

/** Tests a verifier function against empty, username and dictionary candidates. */
function crack(matches: (candidate: string) => boolean, accounts: readonly string[], options: ServiceCredentialTestOptions): { reason: ServiceCredentialReason; account: string } | null {
  if (matches('')) return { reason: 'empty', account: accounts[0] ?? '' };
  for (const account of accounts) for (const candidate of usernameCandidates(account, options.hostname)) if (matches(candidate)) return { reason: 'username', account };
  for (const word of options.words) {
    if (Date.now() > options.deadline) return null;
    if (matches(word)) return { reason: 'dictionary', account: accounts[0] ?? '' };
  }
  return null;
}

const LOOPBACK = /^(127\.|::1$|localhost$|::ffff:127\.)/;
const CLIENT_SECTIONS = new Set(['client', 'mysql', 'mysqladmin', 'mysqldump', 'client-server', 'client-mariadb', 'mariadb-client']);

/** mysql_native_password: `*` + upper-case hex SHA1(SHA1(password)). */
export const mysqlNativeHash = (password: string): string => `*${createHash('sha1').update(createHash('sha1').update(password, 'utf8').digest()).digest('hex').toUpperCase()}`;

/** Accounts of MariaDB's mysql.global_priv Aria rows: [hostLen u16][userLen u16][jsonLen u32] host user json. */
export function mariadbGlobalPrivRows(buffer: Buffer): { host: string; user: string; json: Record<string, unknown> }[] {
  const rows: { host: string; user: string; json: Record<string, unknown> }[] = [];
  const text = buffer.toString('latin1');
  for (const match of text.matchAll(/\{"access":/g)) {
    const start = match.index ?? 0;
    let jsonText = '';
    // the JSON may contain nested objects (auth_or); take the shortest balanced prefix
    let depth = 0;
    for (let i = start; i < Math.min(text.length, start + 4096); i++) {
      if (text[i] === '{') depth++;
      if (text[i] === '}') depth--;
      if (depth === 0) {
        jsonText = text.slice(start, i + 1);
        break;
      }
    }
    if (jsonText === '') continue;
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(jsonText) as Record<string, unknown>;
    } catch {
      continue;
    }
    let host = '?';
    let user = '?';
    for (let userLength = 0; userLength <= 128 && host === '?'; userLength++) {
      for (let hostLength = 0; hostLength <= 255; hostLength++) {
        const p = start - userLength - hostLength - 8;
        if (p < 0) break;
        if (buffer.readUInt16LE(p) === hostLength && buffer.readUInt16LE(p + 2) === userLength && buffer.readUInt32LE(p + 4) === Buffer.byteLength(jsonText, 'latin1')) {
          host = text.slice(p + 8, p + 8 + hostLength);
          user = text.slice(p + 8 + hostLength, start);
          break;
        }
      }
    }
    rows.push({ host, user, json });
  }
  return rows;
}

function mysqlVerdicts(reader: HostReader, options: ServiceCredentialTestOptions): Verdict[] {
  const verdicts: Verdict[] = [];
  const { entries } = readMysqlOptionFiles(reader);
  const groups = new Map<string, { user: string | null; password: string | null; source: string }>();
  for (const entry of entries) {
    if (entry.key === 'skip-grant-tables' && !CLIENT_SECTIONS.has(entry.section)) {
      verdicts.push({ service: 'mysql', account: '*', weak: true, reason: 'no-authentication', source: `${entry.file}:${entry.line}`, detail: 'skip-grant-tables disables all authentication' });
    }
    if (!CLIENT_SECTIONS.has(entry.section)) continue;
    const key = `${entry.file}[${entry.section}]`;
    const group = groups.get(key) ?? { user: null, password: null, source: `${entry.file}:${entry.line}` };
    if (entry.key === 'user') group.user = entry.value;
    if (entry.key === 'password') {
      group.password = entry.value ?? '';
      group.source = `${entry.file}:${entry.line}`;
    }
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    if (group.password === null) continue;
    const account = group.user ?? 'root';
    const reason = judgePlaintext(group.password, account, options);
    verdicts.push({ service: 'mysql', account, weak: reason !== null, ...(reason === null ? {} : { reason }), source: group.source, detail: 'client password in option file' });
  }
  const datadir = entries.find((e) => e.key === 'datadir' && !CLIENT_SECTIONS.has(e.section))?.value ?? '/var/lib/mysql';
  const globalPriv = reader.readBuffer(`${datadir}/mysql/global_priv.MAD`);
  if (globalPriv !== null) {
    for (const row of mariadbGlobalPrivRows(globalPriv)) {
      const plugin = typeof row.json.plugin === 'string' ? row.json.plugin : '';
      const auth = typeof row.json.authentication_string === 'string' ? row.json.authentication_string : null;
      const account = `${row.user}@${row.host}`;
      const source = `${datadir}/mysql/global_priv.MAD`;
      if (row.json.account_locked === true || auth === null || !['mysql_native_password', ''].includes(plugin) || auth === 'invalid') continue;
      if (auth === '') {
        verdicts.push({ service: 'mysql', account, weak: true, reason: 'empty', source, detail: 'mysql_native_password with an empty authentication string' });
        continue;
      }
      if (!/^\*[0-9A-F]{40}$/.test(auth)) continue;
      const cracked = crack((c) => mysqlNativeHash(c) === auth, [row.user], options);
      verdicts.push({ service: 'mysql', account, weak: cracked !== null, ...(cracked === null ? {} : { reason: cracked.reason }), source, detail: 'mysql_native_password hash tested on the host' });
    }
  }
  return verdicts;
}

/** PostgreSQL SCRAM-SHA-256 verifier check (RFC 5802/7677). */
export function scramMatches(verifier: { iterations: number; salt: Buffer; storedKey: string }, password: string): boolean {
  const salted = pbkdf2Sync(password.normalize('NFKC'), verifier.salt, verifier.iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  return createHash('sha256').update(clientKey).digest('base64') === verifier.storedKey;
}

function postgresVerdicts(reader: HostReader, options: ServiceCredentialTestOptions): Verdict[] {
  const verdicts: Verdict[] = [];
  const roles = new Set<string>(['postgres']);
  for (const dir of postgresClusterDirs(reader)) {
    const hbaFile = `${dir}/pg_hba.conf`;
    for (const entry of parsePgHba(reader.readText(hbaFile) ?? '', hbaFile)) {
      if (!['all', 'sameuser', 'samerole'].includes(entry.user) && !entry.user.startsWith('+') && !entry.user.startsWith('@')) entry.user.split(',').forEach((u) => roles.add(u));
      const remote = entry.type !== 'local' && entry.address !== null && !LOOPBACK.test(entry.address.replace(/\/\d+$/, ''));
      if (remote && entry.method === 'trust') {
        verdicts.push({ service: 'postgresql', account: entry.user, weak: true, reason: 'trust-authentication', source: `${entry.file}:${entry.line}`, detail: `${entry.type} ${entry.database} ${entry.user} ${entry.address} trust` });
      } else if (remote && entry.method === 'password') {
        verdicts.push({ service: 'postgresql', account: entry.user, weak: true, reason: 'cleartext-authentication', source: `${entry.file}:${entry.line}`, detail: `${entry.type} ${entry.address} sends the password in clear text` });
      }
    }
  }
  const homes = ['/root', '/var/lib/postgresql', ...reader.list('/home').map((h) => `/home/${h}`)];
  for (const home of homes) {
    const file = `${home}/.pgpass`;
    activeLines(reader.readText(file) ?? '').forEach(({ line, text }) => {
      const fields = text.split(/(?<!\\):/);
      if (fields.length < 5) return;
      const account = fields[3];
      roles.add(account);
      const reason = judgePlaintext(fields.slice(4).join(':'), account, options);
      verdicts.push({ service: 'postgresql', account, weak: reason !== null, ...(reason === null ? {} : { reason }), source: `${file}:${line}`, detail: 'password stored in .pgpass' });
    });
  }
  // pg_authid (global/1260) verifiers: md5 = "md5" + md5(password + role), SCRAM-SHA-256$iter:salt$stored:server
  for (const version of reader.list('/var/lib/postgresql')) {
    const file = `/var/lib/postgresql/${version}/main/global/1260`;
    const data = reader.readBuffer(file)?.toString('latin1');
    if (data === undefined) continue;
    for (const m of data.matchAll(/md5([0-9a-f]{32})/g)) {
      const digest = m[1];
      const cracked = crack((c) => [...roles].some((r) => createHash('md5').update(c + r).digest('hex') === digest), [...roles], options);
      verdicts.push({ service: 'postgresql', account: cracked?.account ?? 'unknown role', weak: cracked !== null, ...(cracked === null ? {} : { reason: cracked.reason }), source: file, detail: 'md5 verifier tested on the host' });
    }
    for (const m of data.matchAll(/SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]{44}):[A-Za-z0-9+/=]{44}/g)) {
      const verifier = { iterations: Number(m[1]), salt: Buffer.from(m[2], 'base64'), storedKey: m[3] };
      const cracked = crack((c) => scramMatches(verifier, c), [...roles], options);
      verdicts.push({ service: 'postgresql', account: cracked?.account ?? 'unknown role', weak: cracked !== null, ...(cracked === null ? {} : { reason: cracked.reason }), source: file, detail: 'SCRAM-SHA-256 verifier tested on the host' });
    }
  }
  return verdicts;
}

function redisVerdicts(reader: HostReader, options: ServiceCredentialTestOptions): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const file of redisConfigFiles(reader)) {
    const directives = readRedisConfig(reader, file);
    const requirepass = [...directives].reverse().find((d) => d.keyword === 'requirepass');
    const binds = directives.filter((d) => d.keyword === 'bind').flatMap((d) => d.args).map((a) => a.replace(/^-/, ''));
    const protectedMode = [...directives].reverse().find((d) => d.keyword === 'protected-mode')?.args[0] ?? 'yes';
    const aclUsers = directives.filter((d) => d.keyword === 'user');
    const aclFile = directives.find((d) => d.keyword === 'aclfile')?.args[0];
    if (aclFile !== undefined) {
      for (const { line, text } of activeLines(reader.readText(aclFile) ?? '')) {
        const words = text.split(/\s+/);
        if (words[0] === 'user') aclUsers.push({ file: aclFile, line, keyword: 'user', args: words.slice(1) });
      }
    }
    const defaultAcl = aclUsers.find((u) => u.args[0] === 'default');
    const hasPassword = (requirepass !== undefined && (requirepass.args[0] ?? '') !== '') || (defaultAcl !== undefined && defaultAcl.args.some((a) => a.startsWith('>') || a.startsWith('#')));
    const exposed = binds.length === 0 || binds.some((b) => !LOOPBACK.test(b));
    if (!hasPassword) {
      const unprotected = protectedMode === 'no' && exposed;
      verdicts.push({
        service: 'redis',
        account: 'default',
        weak: true,
        reason: unprotected ? 'unprotected-exposure' : requirepass === undefined ? 'no-password' : 'empty',
        source: requirepass === undefined ? file : `${requirepass.file}:${requirepass.line}`,
        detail: unprotected ? `protected-mode no and bind ${binds.join(' ') || '(all interfaces)'} without a password` : 'no requirepass',
      });
    } else if (requirepass !== undefined && (requirepass.args[0] ?? '') !== '') {
      const reason = judgePlaintext(requirepass.args[0], 'default', options) ?? (judgePlaintext(requirepass.args[0], 'redis', options) === null ? null : 'username');
      verdicts.push({ service: 'redis', account: 'default', weak: reason !== null, ...(reason === null ? {} : { reason }), source: `${requirepass.file}:${requirepass.line}`, detail: 'requirepass' });
    }
    for (const user of aclUsers) {
      const account = user.args[0] ?? '?';
      const source = `${user.file}:${user.line}`;
      if (user.args.includes('off')) continue;
      if (user.args.includes('nopass')) {
        verdicts.push({ service: 'redis', account, weak: true, reason: 'no-password', source, detail: 'ACL user with nopass' });
        continue;
      }
      for (const arg of user.args) {
        if (arg.startsWith('>')) {
          const reason = judgePlaintext(arg.slice(1), account, options);
          verdicts.push({ service: 'redis', account, weak: reason !== null, ...(reason === null ? {} : { reason }), source, detail: 'ACL password' });
        } else if (/^#[0-9a-f]{64}$/.test(arg)) {
          const digest = arg.slice(1);
          const cracked = crack((c) => createHash('sha256').update(c).digest('hex') === digest, [account], options);
          verdicts.push({ service: 'redis', account, weak: cracked !== null, ...(cracked === null ? {} : { reason: cracked.reason }), source, detail: 'ACL SHA-256 password hash tested on the host' });
        }
      }
    }
  }
  return verdicts;
}

/** Weak credentials of MySQL/MariaDB, PostgreSQL and Redis, judged on the host from what their stored form allows. */
export function testServiceCredentials(reader: HostReader, options: ServiceCredentialTestOptions): ServiceCredentialVerdict[] {
  return [...mysqlVerdicts(reader, options), ...postgresVerdicts(reader, options), ...redisVerdicts(reader, options)];
}
