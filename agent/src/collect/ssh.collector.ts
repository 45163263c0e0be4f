import * as path from 'node:path';
import { collected, type FileMeta, type SshFacts } from '@rampart/host-facts';
import type { Collector } from './collect-context';
import type { HostReader } from './host.reader';

/** OpenSSH 9.2 (Debian 12) compiled-in defaults for the keywords the catalogue reads. */
export const SSHD_DEFAULTS: Readonly<Record<string, readonly string[]>> = {
  port: ['22'],
  permitrootlogin: ['prohibit-password'],
  permitemptypasswords: ['no'],
  usepam: ['no'],
  maxauthtries: ['6'],
  logingracetime: ['120'],
  clientaliveinterval: ['0'],
  clientalivecountmax: ['3'],
  loglevel: ['INFO'],
  x11forwarding: ['no'],
  hostbasedauthentication: ['no'],
  ignorerhosts: ['yes'],
  permituserenvironment: ['no'],
  maxstartups: ['10:30:100'],
  maxsessions: ['10'],
  banner: ['none'],
  disableforwarding: ['no'],
  gssapiauthentication: ['no'],
  passwordauthentication: ['yes'],
  pubkeyauthentication: ['yes'],
  ciphers: ['chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com'],
  macs: [
    'umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha1-etm@openssh.com,umac-64@openssh.com,umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512,hmac-sha1',
  ],
  kexalgorithms: [
    'sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256',
  ],
};

/** Keywords whose every occurrence counts (the others: first one wins). */
const ACCUMULATING = new Set(['port', 'listenaddress', 'hostkey', 'allowusers', 'allowgroups', 'denyusers', 'denygroups', 'acceptenv', 'subsystem', 'hostcertificate']);

interface ParseState {
  settings: Record<string, string[]>;
  sources: Record<string, string>;
  files: string[];
  matchBlocks: number;
  includesDropIns: boolean;
}

function globFiles(reader: HostReader, pattern: string): string[] {
  const absolute = pattern.startsWith('/') ? pattern : path.posix.join('/etc/ssh', pattern);
  if (!/[*?[]/.test(absolute)) return reader.exists(absolute) ? [absolute] : [];
  const dir = path.posix.dirname(absolute);
  const re = new RegExp(`^${path.posix.basename(absolute).replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return reader.listFiles(dir, re);
}

function parseFile(reader: HostReader, file: string, state: ParseState, depth: number): void {
  const text = reader.readText(file);
  if (text === null || depth > 8) return;
  state.files.push(file);
  let inMatch = false;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(line);
    if (match === null) return;
    const keyword = match[1].toLowerCase();
    const value = match[2].trim().replace(/^"(.*)"$/, '$1');
    if (keyword === 'match') {
      state.matchBlocks++;
      inMatch = value.toLowerCase() !== 'all';
      return;
    }
    if (inMatch) return;
    if (keyword === 'include') {
      for (const pattern of value.split(/\s+/)) {
        if (pattern.includes('sshd_config.d')) state.includesDropIns = true;
        for (const included of globFiles(reader, pattern)) parseFile(reader, included, state, depth + 1);
      }
      return;
    }
    const source = `${file}:${index + 1}`;
    if (ACCUMULATING.has(keyword)) {
      state.settings[keyword] = [...(state.settings[keyword] ?? []), ...(keyword.endsWith('users') || keyword.endsWith('groups') || keyword === 'acceptenv' ? value.split(/\s+/) : [value])];
      state.sources[keyword] ??= source;
    } else if (!(keyword in state.settings)) {
      state.settings[keyword] = [value];
      state.sources[keyword] = source;
    }
  });
}

/** Effective global sshd settings from sshd_config and its Includes, first value wins, Match blocks set aside. */
export function parseSshdConfig(reader: HostReader): ParseState {
  const state: ParseState = { settings: {}, sources: {}, files: [], matchBlocks: 0, includesDropIns: false };
  parseFile(reader, '/etc/ssh/sshd_config', state, 0);
  for (const [keyword, values] of Object.entries(SSHD_DEFAULTS)) {
    if (!(keyword in state.settings)) {
      state.settings[keyword] = [...values];
      state.sources[keyword] = 'default';
    }
  }
  if (state.settings.permitrootlogin[0]?.toLowerCase() === 'without-password') state.settings.permitrootlogin = ['prohibit-password']; // the old name
  for (const key of Object.keys(state.settings)) {
    if (!ACCUMULATING.has(key) && key !== 'loglevel' && key !== 'banner') state.settings[key] = state.settings[key].map((v) => (/^(yes|no|prohibit-password|forced-commands-only)$/i.test(v) ? v.toLowerCase() : v));
  }
  return state;
}

export function parseSshdT(output: string): Record<string, string[]> {
  const settings: Record<string, string[]> = {};
  for (const line of output.split('\n')) {
    const match = /^(\S+)\s+(.*)$/.exec(line.trim());
    if (match === null) continue;
    const keyword = match[1].toLowerCase();
    settings[keyword] = [...(settings[keyword] ?? []), match[2]];
  }
  if (settings.permitrootlogin?.[0] === 'without-password') settings.permitrootlogin = ['prohibit-password'];
  return settings;
}

export const sshCollector: Collector<'ssh'> = {
  name: 'ssh',
  keys: ['ssh'],
  collect: ({ reader, installed }) => {
    const binary = reader.findBinary(['/usr/sbin/sshd', '/usr/bin/sshd']);
    const isInstalled = binary !== null || installed.has('openssh-server') || reader.exists('/etc/ssh/sshd_config');
    if (!isInstalled) {
      return { ssh: collected<SshFacts>({ installed: false, method: 'none', settings: {}, sources: {}, configFiles: [], includesDropIns: false, privateHostKeys: [], publicHostKeys: [], matchBlocks: 0 }) };
    }
    const parsed = parseSshdConfig(reader);
    let settings: Record<string, readonly string[]> = parsed.settings;
    let method: SshFacts['method'] = 'parsed';
    let note: string | undefined;
    if (reader.live && binary !== null) {
      const output = reader.run(binary, ['-T'], 5000);
      if (output !== null && output.includes('permitrootlogin')) {
        settings = parseSshdT(output);
        method = 'sshd -T';
      } else {
        note = 'sshd -T failed (missing host keys or privileges); settings parsed from files';
      }
    }
    const metas = (paths: string[]): FileMeta[] => paths.map((p) => reader.meta(p)).filter((m): m is FileMeta => m !== null);
    const keyFiles = reader.list('/etc/ssh').filter((n) => /^ssh_host_.*_key$/.test(n));
    return {
      ssh: collected<SshFacts>({
        installed: true,
        method,
        settings,
        sources: parsed.sources,
        configFiles: metas(parsed.files),
        includesDropIns: parsed.includesDropIns,
        privateHostKeys: metas(keyFiles.map((n) => `/etc/ssh/${n}`)),
        publicHostKeys: metas(keyFiles.map((n) => `/etc/ssh/${n}.pub`)),
        matchBlocks: parsed.matchBlocks,
        ...(note === undefined ? {} : { note }),
      }),
    };
  },
};
