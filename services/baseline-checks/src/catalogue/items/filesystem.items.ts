import type { FileMeta, RemediationStep } from '@rampart/host-facts';
import { defineItem, type BaselineCheckItem, type Evidence } from '../baseline-check-item';
import { manual, moreThan, need, notApplicable, octal, verdict } from '../host-facts.view';

const mlps = (controlId: string) => ({ standard: 'MLPS_2_0_L3' as const, controlId });
const cis = (controlId: string) => ({ standard: 'CIS_DEBIAN_12' as const, controlId });

interface Expected {
  readonly path: string;
  readonly maxMode: number;
  readonly owner: string;
  readonly groups: readonly string[];
}

const IDENTITY_FILES: readonly Expected[] = [
  { path: '/etc/passwd', maxMode: 0o644, owner: 'root', groups: ['root'] },
  { path: '/etc/passwd-', maxMode: 0o644, owner: 'root', groups: ['root'] },
  { path: '/etc/group', maxMode: 0o644, owner: 'root', groups: ['root'] },
  { path: '/etc/group-', maxMode: 0o644, owner: 'root', groups: ['root'] },
  { path: '/etc/shadow', maxMode: 0o640, owner: 'root', groups: ['root', 'shadow'] },
  { path: '/etc/shadow-', maxMode: 0o640, owner: 'root', groups: ['root', 'shadow'] },
  { path: '/etc/gshadow', maxMode: 0o640, owner: 'root', groups: ['root', 'shadow'] },
  { path: '/etc/gshadow-', maxMode: 0o640, owner: 'root', groups: ['root', 'shadow'] },
  { path: '/etc/shells', maxMode: 0o644, owner: 'root', groups: ['root'] },
  { path: '/etc/security/opasswd', maxMode: 0o600, owner: 'root', groups: ['root'] },
];

const CRON_FILES: readonly Expected[] = [
  { path: '/etc/crontab', maxMode: 0o600, owner: 'root', groups: ['root'] },
  ...['/etc/cron.hourly', '/etc/cron.daily', '/etc/cron.weekly', '/etc/cron.monthly', '/etc/cron.d'].map((path) => ({ path, maxMode: 0o700, owner: 'root', groups: ['root'] })),
];

function permissionFaults(files: Readonly<Record<string, FileMeta | null>>, expected: readonly Expected[]): { faults: Evidence[]; steps: RemediationStep[] } {
  const faults: Evidence[] = [];
  const steps: RemediationStep[] = [];
  for (const e of expected) {
    const meta = files[e.path];
    if (meta === null || meta === undefined) continue;
    const problems: string[] = [];
    if (moreThan(meta, e.maxMode)) problems.push(`mode ${octal(meta.mode)} (max ${octal(e.maxMode)})`);
    if (meta.owner !== e.owner) problems.push(`owner ${meta.owner ?? meta.uid}`);
    if (!e.groups.includes(meta.group ?? String(meta.gid))) problems.push(`group ${meta.group ?? meta.gid}`);
    if (problems.length === 0) continue;
    faults.push({ subject: e.path, detail: problems.join(', ') });
    if (meta.owner !== e.owner || !e.groups.includes(meta.group ?? '')) steps.push({ kind: 'chown', path: e.path, owner: e.owner, group: e.groups.includes(meta.group ?? '') ? (meta.group as string) : e.groups[e.groups.length - 1] });
    if (moreThan(meta, e.maxMode)) steps.push({ kind: 'chmod', path: e.path, mode: meta.mode & e.maxMode });
  }
  return { faults, steps };
}

export const filesystemItems: readonly BaselineCheckItem[] = [
  defineItem({
    id: 'FIL-01',
    title: 'Account database files have safe owner and permissions',
    severity: 'HIGH',
    category: 'filesystem',
    standards: [cis('7.1.1'), cis('7.1.2'), cis('7.1.3'), cis('7.1.4'), cis('7.1.5'), cis('7.1.6'), cis('7.1.7'), cis('7.1.8'), cis('7.1.9'), cis('7.1.10'), mlps('8.1.4.2e')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'passwd/group(-), shells: 0644 root:root; shadow/gshadow(-): 0640 root:shadow; opasswd: 0600 root:root.',
    params: {},
    evaluate(facts) {
      const { faults } = permissionFaults(need(facts.files, 'files'), IDENTITY_FILES);
      return verdict(faults, 'account files are exposed', 'account files protected');
    },
    fix(facts) {
      const { steps } = permissionFaults(need(facts.files, 'files'), IDENTITY_FILES);
      return steps.length === 0 ? null : { steps, expect: [] };
    },
  }),
  defineItem({
    id: 'FIL-02',
    title: 'No world-writable files or unsticky world-writable directories',
    severity: 'HIGH',
    category: 'filesystem',
    standards: [cis('7.1.11'), mlps('8.1.4.2e')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Remove the world-write bit (`chmod o-w PATH`) or set the sticky bit on shared directories.',
    params: { allowedPaths: { type: 'string-list', default: [], description: 'paths accepted as world-writable' } },
    evaluate(facts, params) {
      const scan = need(facts.worldWritable, 'worldWritable');
      const faults = scan.worldWritable.filter((w) => !params.allowedPaths.includes(w.path)).map((w) => ({ subject: w.path, detail: `${w.type} mode ${octal(w.mode)} is world-writable${w.type === 'directory' ? ' without sticky bit' : ''}` }));
      if (faults.length === 0 && scan.truncated) return manual(`no world-writable entry in the ${scan.filesScanned} scanned before the time budget ran out`);
      return verdict(faults, 'any user can modify these files', `no world-writable entries in ${scan.scannedRoots.join(', ')}`);
    },
    fix(facts, params) {
      const entries = need(facts.worldWritable, 'worldWritable').worldWritable.filter((w) => !params.allowedPaths.includes(w.path));
      if (entries.length === 0) return null;
      return {
        steps: entries.map((w) => ({ kind: 'chmod' as const, path: w.path, mode: w.mode & ~0o002 })),
        expect: entries.map((w) => ({ path: `worldWritable.worldWritable[path=${w.path}]`, op: 'absent' as const, description: `${w.path} no longer world-writable` })),
      };
    },
  }),
  defineItem({
    id: 'FIL-03',
    title: 'No files without a known owner or group',
    severity: 'MEDIUM',
    category: 'filesystem',
    standards: [cis('7.1.12'), mlps('8.1.4.2e')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Give unowned files an owner and group (chown) or remove them.',
    params: {},
    evaluate(facts) {
      const scan = need(facts.worldWritable, 'worldWritable');
      const faults = scan.unowned.map((u) => ({ subject: u.path, detail: `uid ${u.uid} gid ${u.gid} not in passwd/group` }));
      if (faults.length === 0 && scan.truncated) return manual('the scan was cut short by the time budget');
      return verdict(faults, 'files belong to no known account', 'all scanned files have an owner and group');
    },
  }),
  defineItem({
    id: 'FIL-04',
    title: 'cron files are restricted to root',
    severity: 'LOW',
    category: 'filesystem',
    standards: [cis('2.4.1.2'), cis('2.4.1.3'), cis('2.4.1.4'), cis('2.4.1.5'), cis('2.4.1.6'), cis('2.4.1.7'), cis('2.4.1.8'), mlps('8.1.4.2e')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: '/etc/crontab 0600 and cron.{hourly,daily,weekly,monthly,d} 0700, all root:root; create /etc/cron.allow.',
    params: { requireCronAllow: { type: 'boolean', default: true, description: 'require /etc/cron.allow' } },
    evaluate(facts, params) {
      const cron = need(facts.cron, 'cron');
      if (cron.files.length === 0) return notApplicable('cron is not installed');
      const { faults } = permissionFaults(need(facts.files, 'files'), CRON_FILES);
      if (params.requireCronAllow && !cron.cronAllow) faults.push({ subject: '/etc/cron.allow', detail: 'missing: every user may use crontab' });
      return verdict(faults, 'cron can be read or used beyond root', 'cron restricted');
    },
    fix(facts, params) {
      const { steps } = permissionFaults(need(facts.files, 'files'), CRON_FILES);
      if (params.requireCronAllow && !need(facts.cron, 'cron').cronAllow) steps.push({ kind: 'write-file', path: '/etc/cron.allow', content: 'root\n', mode: 0o640 });
      return steps.length === 0 ? null : { steps, expect: [] };
    },
  }),
  defineItem({
    id: 'FIL-05',
    title: 'Bootloader configuration is protected',
    severity: 'MEDIUM',
    category: 'filesystem',
    standards: [cis('1.4.1'), cis('1.4.2'), mlps('8.1.4.2e')],
    containerSpecific: false,
    notApplicableInContainer: true,
    remediation: 'chmod 0600 /boot/grub/grub.cfg (root:root) and set a GRUB superuser password (password_pbkdf2).',
    params: { requirePassword: { type: 'boolean', default: true, description: 'require a GRUB password' } },
    evaluate(facts, params) {
      const boot = need(facts.boot, 'boot');
      if (boot.grubConfig === null) return notApplicable('no /boot/grub/grub.cfg');
      const faults: Evidence[] = [];
      if (moreThan(boot.grubConfig, 0o600) || boot.grubConfig.uid !== 0) faults.push({ subject: '/boot/grub/grub.cfg', detail: `mode ${octal(boot.grubConfig.mode)} owner ${boot.grubConfig.owner ?? boot.grubConfig.uid}` });
      if (params.requirePassword && !boot.grubPasswordSet) faults.push({ subject: 'GRUB password', detail: 'no password_pbkdf2 superuser', source: '/boot/grub/grub.cfg' });
      return verdict(faults, 'boot parameters can be read or changed', 'bootloader protected');
    },
  }),
];
