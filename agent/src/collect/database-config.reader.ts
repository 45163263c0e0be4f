import * as path from 'node:path';
import type { PgHbaEntry } from '@rampart/host-facts';
import { activeLines } from './config-text.parser';
import type { HostReader } from './host.reader';

export interface IniEntry {
  readonly file: string;
  readonly line: number;
  readonly section: string;
  readonly key: string;
  readonly value: string | null;
}

/** MySQL/MariaDB option files with `!include` / `!includedir`, in the order the server reads them. */
export function readMysqlOptionFiles(reader: HostReader, roots: readonly string[] = ['/etc/mysql/my.cnf', '/etc/my.cnf', '/root/.my.cnf']): { files: string[]; entries: IniEntry[] } {
  const files: string[] = [];
  const entries: IniEntry[] = [];
  const visit = (file: string, depth: number): void => {
    if (files.includes(file) || depth > 8) return;
    const text = reader.readText(file);
    if (text === null) return;
    files.push(file);
    let section = '';
    text.split('\n').forEach((raw, index) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
      const include = /^!(include|includedir)\s+(.+)$/.exec(line);
      if (include !== null) {
        const target = include[2].trim();
        if (include[1] === 'includedir') for (const f of reader.listFiles(target, /\.cnf$/)) visit(f, depth + 1);
        else visit(target.startsWith('/') ? target : path.posix.join(path.posix.dirname(file), target), depth + 1);
        return;
      }
      const header = /^\[([^\]]+)\]$/.exec(line);
      if (header !== null) {
        section = header[1].trim().toLowerCase();
        return;
      }
      const kv = /^([A-Za-z0-9_-]+)\s*(?:=\s*(.*))?$/.exec(line);
      if (kv === null) return;
      const value = kv[2] === undefined ? null : kv[2].replace(/\s+#.*$/, '').trim().replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
      entries.push({ file, line: index + 1, section, key: kv[1].toLowerCase().replace(/_/g, '-'), value });
    });
  };
  for (const root of roots) visit(root, 0);
  return { files, entries };
}

/** Directories of PostgreSQL clusters (Debian layout /etc/postgresql/<version>/<cluster>/). */
export function postgresClusterDirs(reader: HostReader): string[] {
  const dirs: string[] = [];
  for (const version of reader.list('/etc/postgresql')) {
    for (const cluster of reader.list(`/etc/postgresql/${version}`)) {
      const dir = `/etc/postgresql/${version}/${cluster}`;
      if (reader.exists(`${dir}/postgresql.conf`)) dirs.push(dir);
    }
  }
  return dirs;
}

export function parsePgHba(text: string, file: string): PgHbaEntry[] {
  const entries: PgHbaEntry[] = [];
  for (const { line, text: entry } of activeLines(text)) {
    const f = entry.replace(/\s+#.*$/, '').split(/\s+/);
    if (f[0] === 'local') {
      if (f.length >= 4) entries.push({ file, line, type: 'local', database: f[1], user: f[2], address: null, method: f[3] });
    } else if (/^host/.test(f[0]) && f.length >= 5) {
      // address may be "addr/mask" or "addr mask"
      const hasMask = /^\d+\.\d+\.\d+\.\d+$/.test(f[3]) && /^\d+\.\d+\.\d+\.\d+$/.test(f[4] ?? '');
      entries.push({ file, line, type: f[0], database: f[1], user: f[2], address: hasMask ? `${f[3]} ${f[4]}` : f[3], method: hasMask ? f[5] ?? '' : f[4] });
    }
  }
  return entries;
}

/** Redis configuration files (with `include`), as system paths. */
export function redisConfigFiles(reader: HostReader): string[] {
  const roots = ['/etc/redis/redis.conf', '/etc/redis.conf', ...reader.listFiles('/etc/redis', /^redis.*\.conf$/)];
  return [...new Set(roots.filter((f) => reader.exists(f)))];
}

export interface RedisDirective {
  readonly file: string;
  readonly line: number;
  readonly keyword: string;
  readonly args: readonly string[];
}

export function readRedisConfig(reader: HostReader, file: string): RedisDirective[] {
  const directives: RedisDirective[] = [];
  const visit = (f: string, depth: number): void => {
    const text = reader.readText(f);
    if (text === null || depth > 5) return;
    for (const { line, text: entry } of activeLines(text)) {
      const words = entry.match(/"[^"]*"|'[^']*'|\S+/g)?.map((w) => w.replace(/^["'](.*)["']$/, '$1')) ?? [];
      if (words.length === 0) continue;
      const keyword = words[0].toLowerCase();
      if (keyword === 'include' && words[1] !== undefined) visit(words[1], depth + 1);
      else directives.push({ file: f, line, keyword, args: words.slice(1) });
    }
  };
  visit(file, 0);
  return directives;
}
