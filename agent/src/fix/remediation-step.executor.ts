import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RemediationStep } from '@rampart/host-facts';
import type { HostReader } from '../collect/host.reader';
import type { FileBackup } from './file.backup';

export interface StepOutcome {
  readonly kind: RemediationStep['kind'];
  readonly outcome: 'changed' | 'unchanged' | 'skipped';
  readonly detail: string;
}

/** Commands a remediation may run (live host only): validations and reloads, never arbitrary programs. */
const ALLOWED_COMMANDS: readonly RegExp[] = [
  /^(\/usr\/sbin\/)?sshd -t$/,
  /^(\/usr\/sbin\/)?visudo -c$/,
  /^(\/usr\/bin\/|\/bin\/)?systemctl (reload|restart|try-reload-or-restart|daemon-reload)( [A-Za-z0-9@._-]+)?$/,
  /^(\/usr\/sbin\/|\/sbin\/)?augenrules --load$/,
  /^(\/usr\/sbin\/|\/sbin\/)?sysctl --system$/,
];

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class RemediationStepExecutor {
  constructor(
    private readonly reader: HostReader,
    private readonly backup: FileBackup,
  ) {}

  private readLines(systemPath: string): string[] | null {
    const text = this.reader.readText(systemPath, 64 * 1024 * 1024);
    if (text === null) return null;
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    return lines;
  }

  /** Writes through a temporary file and rename, keeping mode and owner of an existing file. */
  private writeLines(systemPath: string, lines: readonly string[], createMode = 0o644): void {
    const real = this.reader.resolve(systemPath);
    this.backup.save(systemPath, real);
    let mode = createMode;
    let owner: { uid: number; gid: number } | null = null;
    try {
      const stat = fs.statSync(real);
      mode = stat.mode & 0o7777;
      owner = { uid: stat.uid, gid: stat.gid };
    } catch {
      fs.mkdirSync(path.dirname(real), { recursive: true });
    }
    const temporary = `${real}.rampart-${process.pid}`;
    fs.writeFileSync(temporary, lines.length === 0 ? '' : `${lines.join('\n')}\n`, { mode });
    fs.chmodSync(temporary, mode);
    if (owner !== null) fs.chownSync(temporary, owner.uid, owner.gid);
    fs.renameSync(temporary, real);
  }

  private idOf(file: '/etc/passwd' | '/etc/group', name: string): number {
    if (/^\d+$/.test(name)) return Number(name);
    const line = (this.reader.readText(file) ?? '').split('\n').find((l) => l.split(':')[0] === name);
    if (line === undefined) throw new Error(`${name} not found in ${file}`);
    return Number(line.split(':')[2]);
  }

  apply(step: RemediationStep): StepOutcome {
    const done = (outcome: StepOutcome['outcome'], detail: string): StepOutcome => ({ kind: step.kind, outcome, detail });
    switch (step.kind) {
      case 'set-key-in-file': {
        const lines = this.readLines(step.path) ?? [];
        const wanted = `${step.key}${step.separator}${step.value}`;
        const keyRe = new RegExp(`^\\s*${escapeRegex(step.key)}(\\s|=|$)`, step.caseInsensitive ? 'i' : '');
        const stopRe = step.stopAt === undefined ? null : new RegExp(step.stopAt, 'i');
        let limit = lines.length;
        if (stopRe !== null) {
          const stop = lines.findIndex((l) => stopRe.test(l));
          if (stop >= 0) limit = stop;
        }
        const hits: number[] = [];
        for (let i = 0; i < limit; i++) if (keyRe.test(lines[i]) && !lines[i].trim().startsWith('#')) hits.push(i);
        if (hits.length === 1 && lines[hits[0]].trim() === wanted) return done('unchanged', `${step.path}: ${wanted}`);
        const next = [...lines];
        if (hits.length > 0) {
          next[hits[0]] = wanted;
          // later assignments of the same key would win in last-wins files: comment them out
          for (const i of hits.slice(1)) next[i] = `# ${next[i]}  # disabled by rampart`;
        } else if (step.insertAt === 'top') {
          next.unshift(wanted);
        } else {
          next.splice(limit, 0, wanted);
        }
        this.writeLines(step.path, next, step.createMode);
        return done('changed', `${step.path}: ${wanted}`);
      }
      case 'append-line': {
        const lines = this.readLines(step.path) ?? [];
        if (lines.some((l) => l.trim() === step.line.trim())) return done('unchanged', `${step.path} already has the line`);
        this.writeLines(step.path, [...lines, step.line], step.createMode);
        return done('changed', `${step.path}: appended ${step.line}`);
      }
      case 'insert-line': {
        const lines = this.readLines(step.path);
        if (lines === null) throw new Error(`${step.path} does not exist`);
        if (lines.some((l) => l.trim() === step.line.trim())) return done('unchanged', `${step.path} already has the line`);
        const anchor = new RegExp(step.before ?? step.after ?? '$');
        const indexes = lines.map((l, i) => (anchor.test(l) && !l.trim().startsWith('#') ? i : -1)).filter((i) => i >= 0);
        if (indexes.length === 0) throw new Error(`${step.path}: no line matches ${anchor.source}`);
        const at = step.before !== undefined ? indexes[0] : indexes[indexes.length - 1] + 1;
        this.writeLines(step.path, [...lines.slice(0, at), step.line, ...lines.slice(at)]);
        return done('changed', `${step.path}: inserted ${step.line}`);
      }
      case 'remove-line': {
        const lines = this.readLines(step.path);
        const re = new RegExp(step.pattern);
        if (lines === null || !lines.some((l) => re.test(l))) return done('unchanged', `${step.path}: nothing matches`);
        this.writeLines(step.path, lines.filter((l) => !re.test(l)));
        return done('changed', `${step.path}: removed lines matching ${step.pattern}`);
      }
      case 'remove-word': {
        const lines = this.readLines(step.path);
        if (lines === null) return done('unchanged', `${step.path} does not exist`);
        const lineRe = new RegExp(step.linePattern);
        let changed = false;
        const next = lines.map((l) => {
          if (!lineRe.test(l) || l.trim().startsWith('#')) return l;
          const words = l.split(/(\s+)/);
          const kept = words.filter((w, i) => !(w === step.word && i > 0));
          if (kept.length === words.length) return l;
          changed = true;
          return kept.join('').replace(/\s+$/, '').replace(/(\S)\s{2,}(?=\S)/g, '$1 ');
        });
        if (!changed) return done('unchanged', `${step.path}: no ${step.word}`);
        this.writeLines(step.path, next);
        return done('changed', `${step.path}: removed ${step.word}`);
      }
      case 'write-file': {
        const current = this.reader.readText(step.path);
        const real = this.reader.resolve(step.path);
        if (current === step.content && (fs.statSync(real).mode & 0o7777) === step.mode) return done('unchanged', `${step.path} already as wanted`);
        this.backup.save(step.path, real);
        fs.mkdirSync(path.dirname(real), { recursive: true });
        fs.writeFileSync(real, step.content, { mode: step.mode });
        fs.chmodSync(real, step.mode);
        return done('changed', `${step.path} written`);
      }
      case 'chmod': {
        const real = this.reader.resolve(step.path);
        const current = fs.statSync(real).mode & 0o7777;
        if (current === step.mode) return done('unchanged', `${step.path} is ${step.mode.toString(8)}`);
        this.backup.save(step.path, real);
        fs.chmodSync(real, step.mode);
        return done('changed', `${step.path}: ${current.toString(8)} → ${step.mode.toString(8)}`);
      }
      case 'chown': {
        const real = this.reader.resolve(step.path);
        const uid = this.idOf('/etc/passwd', step.owner);
        const gid = this.idOf('/etc/group', step.group);
        const stat = fs.statSync(real);
        if (stat.uid === uid && stat.gid === gid) return done('unchanged', `${step.path} owned by ${step.owner}:${step.group}`);
        this.backup.save(step.path, real);
        fs.chownSync(real, uid, gid);
        fs.chmodSync(real, stat.mode & 0o7777); // chown clears setuid bits on some systems
        return done('changed', `${step.path}: owner ${step.owner}:${step.group}`);
      }
      case 'sysctl-set': {
        const persisted = this.apply({ kind: 'set-key-in-file', path: step.file, key: step.key, value: step.value, separator: ' = ', createMode: 0o644 });
        if (!this.reader.live) return done(persisted.outcome, `${persisted.detail} (runtime not applied under --root)`);
        const procPath = `/proc/sys/${step.key.replace(/\./g, '/')}`;
        const current = this.reader.readText(procPath)?.trim();
        if (current === step.value) return done(persisted.outcome, `${persisted.detail}; runtime already ${step.value}`);
        fs.writeFileSync(procPath, step.value);
        return done('changed', `${persisted.detail}; runtime ${step.key}=${step.value}`);
      }
      case 'set-account-field':
      case 'lock-account': {
        const file = step.kind === 'set-account-field' && step.field === 'shell' ? '/etc/passwd' : '/etc/shadow';
        const lines = this.readLines(file);
        if (lines === null) throw new Error(`${file} is not readable`);
        const index = lines.findIndex((l) => l.split(':')[0] === step.account);
        if (index < 0) throw new Error(`${step.account} not found in ${file}`);
        const fields = lines[index].split(':');
        if (step.kind === 'lock-account') {
          if (fields[1].startsWith('!')) return done('unchanged', `${step.account} already locked`);
          fields[1] = `!${fields[1]}`;
        } else {
          const column = { shell: 6, lastChangeDays: 2, minDays: 3, maxDays: 4, warnDays: 5, inactiveDays: 6 }[step.field];
          if (fields[column] === step.value) return done('unchanged', `${step.account} ${step.field} already ${step.value}`);
          fields[column] = step.value;
        }
        const next = [...lines];
        next[index] = fields.join(':');
        this.writeLines(file, next);
        return done('changed', step.kind === 'lock-account' ? `${step.account} locked` : `${step.account} ${step.field}=${step.value}`);
      }
      case 'disable-unit': {
        let removed = 0;
        for (const entry of this.reader.list('/etc/systemd/system')) {
          if (!/\.(wants|requires)$/.test(entry)) continue;
          const link = `/etc/systemd/system/${entry}/${step.unit}`;
          if (this.reader.readLink(link) === null) continue;
          const real = this.reader.resolve(link, false);
          this.backup.save(link, real);
          fs.rmSync(real);
          removed++;
        }
        if (this.reader.live && this.reader.isDirectory('/run/systemd/system')) {
          execFileSync('systemctl', ['stop', step.unit], { stdio: 'ignore', timeout: 30_000 });
          execFileSync('systemctl', ['daemon-reload'], { stdio: 'ignore', timeout: 30_000 });
        }
        return done(removed > 0 ? 'changed' : 'unchanged', `${step.unit}: ${removed} enablement link(s) removed`);
      }
      case 'run': {
        const command = step.argv.join(' ');
        if (!ALLOWED_COMMANDS.some((re) => re.test(command))) throw new Error(`command not allowed: ${command}`);
        if (!this.reader.live) return done('skipped', `${command} (not run under --root)`);
        if (step.purpose === 'reload' && step.argv[0].endsWith('systemctl') && !this.reader.isDirectory('/run/systemd/system')) return done('skipped', `${command} (systemd is not running)`);
        const binary = step.argv[0];
        const found = binary.startsWith('/') ? this.reader.findBinary([binary]) : this.reader.findBinary([`/usr/sbin/${binary}`, `/usr/bin/${binary}`, `/sbin/${binary}`, `/bin/${binary}`]);
        if (found === null) return done('skipped', `${binary} not installed`);
        execFileSync(found, step.argv.slice(1), { stdio: 'pipe', timeout: 60_000 });
        return done('changed', `${command} succeeded`);
      }
    }
  }
}
