import type { AccountFacts, AccountsFacts, GroupFacts, PasswordHashAlgorithm, ShadowEntry } from '@rampart/host-facts';
import { parseKeyValues } from './config-text.parser';
import type { HostReader } from './host.reader';

/** Hashes stay inside the agent: they go to the weak-password tester, never into facts. */
export interface CollectedAccounts {
  readonly facts: AccountsFacts;
  readonly hashes: ReadonlyMap<string, string>;
}

export function hashAlgorithm(hash: string): PasswordHashAlgorithm {
  if (hash.startsWith('$y$')) return 'yescrypt';
  if (hash.startsWith('$gy$')) return 'gost-yescrypt';
  if (hash.startsWith('$7$')) return 'scrypt';
  if (hash.startsWith('$6$')) return 'sha512crypt';
  if (hash.startsWith('$5$')) return 'sha256crypt';
  if (/^\$2[abxy]?\$/.test(hash)) return 'bcrypt';
  if (hash.startsWith('$1$')) return 'md5crypt';
  if (/^[./0-9A-Za-z]{13}$/.test(hash)) return 'descrypt';
  return 'unknown';
}

const optionalNumber = (field: string | undefined): number | null => {
  if (field === undefined || field.trim() === '') return null;
  const n = Number(field);
  return Number.isFinite(n) ? n : null;
};

function shadowEntry(fields: string[]): { entry: ShadowEntry; hash: string | null } {
  const password = fields[1] ?? '';
  let passwordStatus: ShadowEntry['passwordStatus'];
  let hash: string | null = null;
  let algorithm: PasswordHashAlgorithm | null = null;
  if (password === '') {
    passwordStatus = 'empty';
  } else if (password.startsWith('!') && password.length > 1 && password[1] !== '*' && password.slice(1).startsWith('$')) {
    passwordStatus = 'locked';
    algorithm = hashAlgorithm(password.replace(/^!+/, ''));
  } else if (password.startsWith('!') || password.startsWith('*')) {
    passwordStatus = 'no-password';
  } else {
    passwordStatus = 'hashed';
    hash = password;
    algorithm = hashAlgorithm(password);
  }
  return {
    hash,
    entry: {
      passwordStatus,
      algorithm,
      lastChangeDays: optionalNumber(fields[2]),
      minDays: optionalNumber(fields[3]),
      maxDays: optionalNumber(fields[4]),
      warnDays: optionalNumber(fields[5]),
      inactiveDays: optionalNumber(fields[6]),
      expireDays: optionalNumber(fields[7]),
    },
  };
}

export function collectAccounts(reader: HostReader): CollectedAccounts {
  const passwd = reader.readText('/etc/passwd');
  if (passwd === null) throw new Error('/etc/passwd is not readable');
  const shadowText = reader.readText('/etc/shadow');
  const shadow = new Map<string, string[]>();
  for (const line of (shadowText ?? '').split('\n')) {
    const fields = line.split(':');
    if (fields.length >= 2 && fields[0] !== '' && !shadow.has(fields[0])) shadow.set(fields[0], fields);
  }
  const hashes = new Map<string, string>();
  const users: AccountFacts[] = [];
  for (const line of passwd.split('\n')) {
    if (line.trim() === '' || line.startsWith('#') || line.startsWith('+') || line.startsWith('-')) continue;
    const f = line.split(':');
    if (f.length < 7) continue;
    const shadowFields = shadow.get(f[0]);
    let entry: ShadowEntry | null = null;
    if (shadowFields !== undefined) {
      const parsed = shadowEntry(shadowFields);
      entry = parsed.entry;
      if (parsed.hash !== null) hashes.set(f[0], parsed.hash);
    }
    users.push({
      name: f[0],
      uid: Number(f[2]),
      gid: Number(f[3]),
      home: f[5],
      shell: f[6],
      passwdField: f[1] === 'x' ? 'x' : f[1] === '' ? 'empty' : 'other',
      shadow: entry,
    });
  }
  const groups: GroupFacts[] = [];
  for (const line of (reader.readText('/etc/group') ?? '').split('\n')) {
    const f = line.split(':');
    if (f.length < 4 || f[0] === '') continue;
    groups.push({ name: f[0], gid: Number(f[2]), members: f[3].split(',').map((m) => m.trim()).filter((m) => m !== '') });
  }
  const shells = (reader.readText('/etc/shells') ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('/'));
  const useradd = parseKeyValues(reader.readText('/etc/default/useradd') ?? '', '/etc/default/useradd');
  const useraddDefaults: Record<string, string> = {};
  for (const [key, setting] of Object.entries(useradd)) useraddDefaults[key] = setting.value;
  return { facts: { users, groups, shadowReadable: shadowText !== null, shells, useraddDefaults }, hashes };
}
