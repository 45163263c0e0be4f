import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileMeta } from '@rampart/host-facts';

/**
 * Read-only access to the system under inspection: the live host (`/`) or a mounted root. Paths are absolute as seen
 * by that system; under a mounted root nothing of the host itself (/proc, binaries) is touched.
 */
export class HostReader {
  readonly live: boolean;
  private userNames: Map<number, string> | null = null;
  private groupNames: Map<number, string> | null = null;

  constructor(readonly root: string = '/') {
    this.root = path.resolve(root);
    this.live = this.root === '/';
  }

  /**
   * The real path of a system path under the root. Under a mounted root, symlinks are followed inside the root (an
   * absolute link target such as /etc/alternatives/my.cnf means <root>/etc/alternatives/my.cnf, never the host's).
   * `followLast: false` keeps a final symlink itself (for lstat and readlink).
   */
  resolve(systemPath: string, followLast = true): string {
    if (this.live) return systemPath;
    const pending = path.posix.normalize(`/${systemPath}`).split('/').filter((p) => p !== '');
    const resolved: string[] = [];
    let hops = 0;
    while (pending.length > 0) {
      const part = pending.shift() as string;
      if (part === '..') {
        resolved.pop();
        continue;
      }
      if (part === '.') continue;
      const candidate = path.join(this.root, ...resolved, part);
      if (pending.length === 0 && !followLast) return candidate;
      let target: string | null = null;
      try {
        if (fs.lstatSync(candidate).isSymbolicLink()) target = fs.readlinkSync(candidate);
      } catch {
        // missing: keep the rest as is
      }
      if (target === null) {
        resolved.push(part);
        continue;
      }
      if (++hops > 40) throw new Error(`too many symlinks in ${systemPath}`);
      if (target.startsWith('/')) resolved.length = 0;
      pending.unshift(...target.split('/').filter((p) => p !== ''));
    }
    return path.join(this.root, ...resolved);
  }

  /** The real path of a system path known to contain no symlink (the file-system walk never enters one). */
  direct(systemPath: string): string {
    return this.live ? systemPath : path.join(this.root, systemPath);
  }

  readText(systemPath: string, maxBytes = 4 * 1024 * 1024): string | null {
    try {
      const real = this.resolve(systemPath);
      const stat = fs.statSync(real);
      if (!stat.isFile() || stat.size > maxBytes) return null;
      return fs.readFileSync(real, 'utf8');
    } catch {
      return null;
    }
  }

  readBuffer(systemPath: string, maxBytes = 64 * 1024 * 1024): Buffer | null {
    try {
      const real = this.resolve(systemPath);
      const stat = fs.statSync(real);
      if (!stat.isFile() || stat.size > maxBytes) return null;
      return fs.readFileSync(real);
    } catch {
      return null;
    }
  }

  exists(systemPath: string): boolean {
    try {
      fs.lstatSync(this.resolve(systemPath, false));
      return true;
    } catch {
      return false;
    }
  }

  isDirectory(systemPath: string): boolean {
    try {
      return fs.statSync(this.resolve(systemPath)).isDirectory();
    } catch {
      return false;
    }
  }

  /** Entry names of a directory, sorted; [] when absent. */
  list(systemPath: string): string[] {
    try {
      return fs.readdirSync(this.resolve(systemPath)).sort();
    } catch {
      return [];
    }
  }

  /** Files of a directory whose names match, as system paths, sorted. */
  listFiles(dir: string, pattern: RegExp = /./): string[] {
    return this.list(dir)
      .filter((name) => pattern.test(name))
      .map((name) => path.posix.join(dir, name))
      .filter((p) => !this.isDirectory(p));
  }

  /** A symlink's target as written, or null. */
  readLink(systemPath: string): string | null {
    try {
      return fs.readlinkSync(this.resolve(systemPath, false));
    } catch {
      return null;
    }
  }

  meta(systemPath: string): FileMeta | null {
    try {
      const stat = fs.lstatSync(this.resolve(systemPath, false));
      return this.metaOf(systemPath, stat);
    } catch {
      return null;
    }
  }

  metaOf(systemPath: string, stat: fs.Stats): FileMeta {
    return {
      path: systemPath,
      type: stat.isSymbolicLink() ? 'symlink' : stat.isDirectory() ? 'directory' : stat.isFile() ? 'file' : 'other',
      mode: stat.mode & 0o7777,
      uid: stat.uid,
      gid: stat.gid,
      owner: this.userName(stat.uid),
      group: this.groupName(stat.gid),
      size: stat.size,
      mtime: stat.mtime.toISOString(),
    };
  }

  userName(uid: number): string | null {
    this.userNames ??= this.idMap('/etc/passwd');
    return this.userNames.get(uid) ?? null;
  }

  groupName(gid: number): string | null {
    this.groupNames ??= this.idMap('/etc/group');
    return this.groupNames.get(gid) ?? null;
  }

  /** Known uids (from the inspected system's passwd) — for the unowned-file scan. */
  knownIds(kind: 'user' | 'group'): Set<number> {
    if (kind === 'user') this.userNames ??= this.idMap('/etc/passwd');
    else this.groupNames ??= this.idMap('/etc/group');
    return new Set((kind === 'user' ? this.userNames : this.groupNames)?.keys());
  }

  private idMap(file: string): Map<number, string> {
    const map = new Map<number, string>();
    for (const line of (this.readText(file) ?? '').split('\n')) {
      const fields = line.split(':');
      if (fields.length >= 3 && !map.has(Number(fields[2]))) map.set(Number(fields[2]), fields[0]);
    }
    return map;
  }

  /** Runs a binary of the live host (never under --root) and returns stdout, or null when absent or failing. */
  run(command: string, args: readonly string[], timeoutMs = 3000): string | null {
    if (!this.live) return null;
    try {
      return execFileSync(command, args, { encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 16 * 1024 * 1024 });
    } catch {
      return null;
    }
  }

  /** First existing executable among candidate system paths. */
  findBinary(candidates: readonly string[]): string | null {
    for (const candidate of candidates) {
      try {
        const stat = fs.statSync(this.resolve(candidate));
        if (stat.isFile() && (stat.mode & 0o111) !== 0) return candidate;
      } catch {
        // try the next one
      }
    }
    return null;
  }
}
