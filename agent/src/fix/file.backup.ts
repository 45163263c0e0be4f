import * as fs from 'node:fs';
import * as path from 'node:path';

interface BackupEntry {
  /** Path as seen by the inspected system. */
  readonly path: string;
  /** Where it really is (under --root, symlinks resolved inside the root). */
  readonly realPath: string;
  readonly kind: 'file' | 'symlink' | 'absent';
  readonly backupFile?: string;
  readonly linkTarget?: string;
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
}

/**
 * Keeps a copy of every file a remediation touches (once, before the first change) under `dir`, with a manifest, and
 * puts everything back on restore — including removing files the remediation created.
 */
export class FileBackup {
  private readonly entries = new Map<string, BackupEntry>();

  constructor(readonly dir: string) {}

  /** Records the current state of `systemPath` (really at `real`: the file itself, or the link itself) once. */
  save(systemPath: string, real: string): void {
    if (this.entries.has(systemPath)) return;
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    let entry: BackupEntry;
    try {
      const stat = fs.lstatSync(real);
      if (stat.isSymbolicLink()) {
        entry = { path: systemPath, realPath: real, kind: 'symlink', linkTarget: fs.readlinkSync(real) };
      } else {
        const backupFile = path.join(this.dir, 'files', systemPath);
        fs.mkdirSync(path.dirname(backupFile), { recursive: true, mode: 0o700 });
        fs.copyFileSync(real, backupFile);
        fs.chmodSync(backupFile, 0o600);
        entry = { path: systemPath, realPath: real, kind: 'file', backupFile, mode: stat.mode & 0o7777, uid: stat.uid, gid: stat.gid };
      }
    } catch {
      entry = { path: systemPath, realPath: real, kind: 'absent' };
    }
    this.entries.set(systemPath, entry);
    fs.writeFileSync(path.join(this.dir, 'manifest.json'), `${JSON.stringify([...this.entries.values()], null, 2)}\n`, { mode: 0o600 });
  }

  get paths(): string[] {
    return [...this.entries.keys()];
  }

  /** Puts every recorded path back as it was, newest first; returns the paths restored. */
  restore(): string[] {
    const restored: string[] = [];
    for (const entry of [...this.entries.values()].reverse()) {
      const real = entry.realPath;
      try {
        if (entry.kind === 'absent') {
          fs.rmSync(real, { force: true });
        } else if (entry.kind === 'symlink' && entry.linkTarget !== undefined) {
          fs.rmSync(real, { force: true });
          fs.mkdirSync(path.dirname(real), { recursive: true });
          fs.symlinkSync(entry.linkTarget, real);
        } else if (entry.backupFile !== undefined) {
          fs.copyFileSync(entry.backupFile, real);
          if (entry.uid !== undefined && entry.gid !== undefined) fs.chownSync(real, entry.uid, entry.gid);
          if (entry.mode !== undefined) fs.chmodSync(real, entry.mode);
        }
        restored.push(entry.path);
      } catch {
        // keep restoring the others; the manifest stays for a manual restore
      }
    }
    return restored;
  }
}
