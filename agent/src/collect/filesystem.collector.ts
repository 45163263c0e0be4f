import * as fs from 'node:fs';
import * as path from 'node:path';
import { collected, type CronFacts, type FileMeta, type WorldWritableFacts } from '@rampart/host-facts';
import type { Collector } from './collect-context';
import { activeLines } from './config-text.parser';
import type { HostReader } from './host.reader';

/**
 * Key directories walked for world-writable and unowned entries. Package-managed bulk (/usr/lib, /usr/share), virtual
 * and scratch file systems, container storage and per-user caches are left out to keep the walk within seconds.
 */
export const SCANNED_ROOTS = ['/etc', '/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local', '/usr/lib/systemd', '/boot', '/opt', '/srv', '/var', '/root', '/home'];
const SKIPPED = new Set(['/proc', '/sys', '/dev', '/run', '/tmp', '/var/tmp', '/var/cache', '/var/lib/docker', '/var/lib/containers', '/var/lib/apt/lists']);
const SKIPPED_NAMES = new Set(['node_modules', '.cache', '.npm', '.git', '.cargo', '.rustup', '.m2', '.gradle', '.local']);
const MAX_REPORTED = 200;

/** Security-relevant files whose metadata the catalogue reads. */
export const WATCHED_FILES = [
  '/etc/passwd', '/etc/passwd-', '/etc/group', '/etc/group-', '/etc/shadow', '/etc/shadow-', '/etc/gshadow', '/etc/gshadow-',
  '/etc/shells', '/etc/security/opasswd', '/etc/crontab', '/etc/cron.hourly', '/etc/cron.daily', '/etc/cron.weekly',
  '/etc/cron.monthly', '/etc/cron.d', '/etc/cron.allow', '/etc/cron.deny', '/etc/at.allow', '/etc/at.deny', '/etc/motd',
  '/etc/issue', '/etc/issue.net', '/boot/grub/grub.cfg', '/etc/sudoers', '/etc/ssh/sshd_config', '/var/log',
];

export function scanWorldWritable(reader: HostReader, deadline: number, roots: readonly string[] = SCANNED_ROOTS): WorldWritableFacts {
  const knownUsers = reader.knownIds('user');
  const knownGroups = reader.knownIds('group');
  const worldWritable: WorldWritableFacts['worldWritable'][number][] = [];
  const unowned: WorldWritableFacts['unowned'][number][] = [];
  let filesScanned = 0;
  let truncated = false;
  const scannedRoots: string[] = [];
  const rootDevice = (() => {
    try {
      return fs.statSync(reader.direct('/')).dev;
    } catch {
      return -1;
    }
  })();
  const walk = (dir: string): void => {
    if (truncated) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(reader.direct(dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if ((++filesScanned & 0xff) === 0 && Date.now() > deadline) {
        truncated = true;
        return;
      }
      const systemPath = path.posix.join(dir, entry.name);
      if (SKIPPED.has(systemPath) || SKIPPED_NAMES.has(entry.name) || entry.isSymbolicLink()) continue;
      let stat: fs.Stats;
      try {
        stat = fs.lstatSync(reader.direct(systemPath));
      } catch {
        continue;
      }
      const isDir = stat.isDirectory();
      if ((stat.mode & 0o002) !== 0 && (stat.isFile() || (isDir && (stat.mode & 0o1000) === 0))) {
        if (worldWritable.length < MAX_REPORTED) worldWritable.push({ path: systemPath, mode: stat.mode & 0o7777, type: isDir ? 'directory' : 'file' });
      }
      if (!knownUsers.has(stat.uid) || !knownGroups.has(stat.gid)) {
        if (unowned.length < MAX_REPORTED) unowned.push({ path: systemPath, uid: stat.uid, gid: stat.gid });
      }
      // Stay on the root's file system (no network or pseudo mounts below the scanned roots).
      if (isDir && (rootDevice < 0 || stat.dev === rootDevice || !reader.live)) walk(systemPath);
    }
  };
  for (const root of roots) {
    if (!reader.isDirectory(root) || reader.readLink(root) !== null) continue;
    scannedRoots.push(root);
    walk(root);
  }
  return { scannedRoots, filesScanned, worldWritable, unowned, truncated };
}

function collectCron(reader: HostReader): CronFacts {
  const files = ['/etc/crontab', '/etc/cron.hourly', '/etc/cron.daily', '/etc/cron.weekly', '/etc/cron.monthly', '/etc/cron.d']
    .map((p) => reader.meta(p))
    .filter((m): m is FileMeta => m !== null);
  const commands: string[] = [];
  for (const file of ['/etc/crontab', ...reader.listFiles('/etc/cron.d')]) {
    for (const { text } of activeLines(reader.readText(file) ?? '')) {
      if (/^[A-Z_]+=/.test(text)) continue;
      commands.push(text.split(/\s+/).slice(text.startsWith('@') ? 2 : 6).join(' '));
    }
  }
  for (const dir of ['/etc/cron.hourly', '/etc/cron.daily', '/etc/cron.weekly', '/etc/cron.monthly']) commands.push(...reader.list(dir).map((n) => `${dir}/${n}`));
  return { files, cronAllow: reader.exists('/etc/cron.allow'), atAllow: reader.exists('/etc/at.allow'), commands };
}

export const filesystemCollector: Collector<'worldWritable' | 'files' | 'cron'> = {
  name: 'filesystem',
  keys: ['worldWritable', 'files', 'cron'],
  collect: ({ reader, deadline }) => {
    const files: Record<string, FileMeta | null> = {};
    for (const file of WATCHED_FILES) files[file] = reader.meta(file);
    return { files: collected(files), cron: collected(collectCron(reader)), worldWritable: collected(scanWorldWritable(reader, deadline)) };
  },
};
