import * as path from 'node:path';
import { collected, type FileMeta, type SudoFacts, type SudoRule } from '@rampart/host-facts';
import type { Collector } from './collect-context';
import type { HostReader } from './host.reader';

/** sudo ignores drop-ins whose name ends in `~` or contains a `.`. */
const sudoersDropIn = /^[^.~]+$/;

export function collectSudo(reader: HostReader, installedPackages: ReadonlySet<string>): SudoFacts {
  const files: FileMeta[] = [];
  const defaults: { file: string; line: number; text: string }[] = [];
  const rules: SudoRule[] = [];
  const visited = new Set<string>();
  const visit = (file: string, depth: number): void => {
    if (visited.has(file) || depth > 8) return;
    visited.add(file);
    const text = reader.readText(file);
    if (text === null) return;
    const meta = reader.meta(file);
    if (meta !== null) files.push(meta);
    const raw = text.split('\n');
    for (let i = 0; i < raw.length; i++) {
      const start = i + 1;
      let entry = raw[i];
      while (entry.endsWith('\\') && i + 1 < raw.length) entry = entry.slice(0, -1) + ' ' + raw[++i];
      entry = entry.trim();
      const include = /^[@#](include|includedir)\s+(.+)$/.exec(entry);
      if (include !== null) {
        const target = include[2].trim().replace(/^"(.*)"$/, '$1');
        const resolved = target.startsWith('/') ? target : path.posix.join(path.posix.dirname(file), target);
        if (include[1] === 'includedir') for (const name of reader.list(resolved).filter((n) => sudoersDropIn.test(n))) visit(`${resolved}/${name}`, depth + 1);
        else visit(resolved, depth + 1);
        continue;
      }
      if (entry === '' || entry.startsWith('#')) continue;
      if (/^Defaults\b/.test(entry)) {
        defaults.push({ file, line: start, text: entry });
      } else if (!/^(User|Runas|Host|Cmnd|Cmd)_Alias\b/.test(entry)) {
        rules.push({ file, line: start, text: entry, nopasswd: /\bNOPASSWD\s*:/.test(entry), noAuthenticate: false });
      }
    }
  };
  visit('/etc/sudoers', 0);
  for (const d of defaults) {
    if (/!\s*authenticate\b/.test(d.text)) rules.push({ file: d.file, line: d.line, text: d.text, nopasswd: false, noAuthenticate: true });
  }
  return { installed: installedPackages.has('sudo') || installedPackages.has('sudo-ldap') || reader.exists('/usr/bin/sudo'), files, defaults, rules };
}

export const sudoCollector: Collector<'sudo'> = {
  name: 'sudo',
  keys: ['sudo'],
  collect: ({ reader, installed }) => ({ sudo: collected(collectSudo(reader, installed)) }),
};
