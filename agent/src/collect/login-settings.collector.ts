import { collected, type ConfigSetting, type KeyValueFileFacts, type LimitsEntry, type ShellEnvironmentFacts } from '@rampart/host-facts';
import type { Collector } from './collect-context';
import { activeLines, parseKeyValues } from './config-text.parser';
import type { HostReader } from './host.reader';

function keyValueFiles(reader: HostReader, main: string, dropInDir: string | null): KeyValueFileFacts {
  const files = [main, ...(dropInDir === null ? [] : reader.listFiles(dropInDir, /\.conf$/))].filter((f) => reader.exists(f));
  const settings: Record<string, ConfigSetting> = {};
  for (const file of files) parseKeyValues(reader.readText(file) ?? '', file, settings);
  return { files, settings };
}

function shellEnvironment(reader: HostReader): ShellEnvironmentFacts {
  const files = ['/etc/profile', '/etc/bash.bashrc', '/etc/bashrc', ...reader.listFiles('/etc/profile.d', /\.sh$/)];
  const tmout: ShellEnvironmentFacts['tmout'][number][] = [];
  const umask: ShellEnvironmentFacts['umask'][number][] = [];
  for (const file of files) {
    const text = reader.readText(file);
    if (text === null) continue;
    const lines = activeLines(text);
    const readonlyDeclared = lines.some((l) => /\breadonly\s+(?:-\S+\s+)*TMOUT\b/.test(l.text) || /\bdeclare\s+-\S*r\S*\s+TMOUT\b/.test(l.text));
    const exportedDeclared = lines.some((l) => /\bexport\s+(?:\S+\s+)*TMOUT\b/.test(l.text));
    for (const { line, text: entry } of lines) {
      const t = /(?:^|[\s;])(?:(readonly|export|declare\s+-\S+|typeset\s+-\S+)\s+)?TMOUT=["']?(\d+)/.exec(entry);
      if (t !== null) {
        const keyword = t[1] ?? '';
        tmout.push({
          file,
          line,
          value: Number(t[2]),
          readonly: readonlyDeclared || keyword === 'readonly' || /r/.test(keyword.replace(/^(declare|typeset)\s+-/, '')),
          exported: exportedDeclared || keyword === 'export' || /x/.test(keyword.replace(/^(declare|typeset)\s+-/, '')),
        });
      }
      const u = /(?:^|[\s;])umask\s+(\d{3,4})\b/.exec(entry);
      if (u !== null) umask.push({ file, line, value: u[1] });
    }
  }
  return { tmout, umask };
}

function limits(reader: HostReader): LimitsEntry[] {
  const entries: LimitsEntry[] = [];
  for (const file of ['/etc/security/limits.conf', ...reader.listFiles('/etc/security/limits.d', /\.conf$/)]) {
    for (const { text } of activeLines(reader.readText(file) ?? '')) {
      const [domain, type, item, value] = text.split(/\s+/);
      if (value !== undefined) entries.push({ file, domain, type, item, value });
    }
  }
  return entries;
}

export const loginSettingsCollector: Collector<'loginDefs' | 'pwquality' | 'faillock' | 'shellEnvironment' | 'limits'> = {
  name: 'login-settings',
  keys: ['loginDefs', 'pwquality', 'faillock', 'shellEnvironment', 'limits'],
  collect: ({ reader }) => ({
    loginDefs: collected(parseKeyValues(reader.readText('/etc/login.defs') ?? '', '/etc/login.defs')),
    pwquality: collected(keyValueFiles(reader, '/etc/security/pwquality.conf', '/etc/security/pwquality.conf.d')),
    faillock: collected(keyValueFiles(reader, '/etc/security/faillock.conf', null)),
    shellEnvironment: collected(shellEnvironment(reader)),
    limits: collected(limits(reader)),
  }),
};
