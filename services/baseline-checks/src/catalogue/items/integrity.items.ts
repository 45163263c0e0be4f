import { findMissingPatches } from '../../patches/missing-patches.matcher';
import { defineItem, type BaselineCheckItem, type Evidence } from '../baseline-check-item';
import { installedPackages, manual, need, notApplicable, pass, unitEnabled, verdict } from '../host-facts.view';

const mlps = (controlId: string) => ({ standard: 'MLPS_2_0_L3' as const, controlId });
const cis = (controlId: string) => ({ standard: 'CIS_DEBIAN_12' as const, controlId });
const BACKUP_TOOLS = ['restic', 'borgbackup', 'bacula-fd', 'bareos-filedaemon', 'duplicity', 'rsnapshot', 'amanda-client', 'rdiff-backup', 'backupninja', 'urbackup-client', 'timeshift'];
const BACKUP_COMMAND = new RegExp(`\\b(${[...BACKUP_TOOLS, 'borg'].join('|')})\\b`);

export const integrityItems: readonly BaselineCheckItem[] = [
  defineItem({
    id: 'INT-01',
    title: 'Security updates are installed',
    severity: 'HIGH',
    category: 'patch',
    standards: [cis('1.2.2.1'), mlps('8.1.4.4e')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'apt-get update && apt-get install --only-upgrade the listed packages (or apt-get upgrade), then restart affected services.',
    params: {},
    evaluate(facts, _params, context) {
      const packages = need(facts.packages, 'packages');
      if (context.vulnerabilities === undefined) return manual('no vulnerability feed loaded: load Debian OVAL or OSV (Debian:12) to match packages');
      const missing = findMissingPatches(packages, context.vulnerabilities);
      const faults: Evidence[] = missing.map((m) => ({ subject: `${m.sourcePackage} ${m.installedVersion}`, detail: `${m.advisoryId}${m.aliases.length > 0 ? ` (${m.aliases.slice(0, 3).join(', ')})` : ''} fixed in ${m.fixedVersion}; binaries ${m.binaryPackages.join(', ')}` }));
      return verdict(faults, `${missing.length} advisories have fixes not installed`, `no missing patches among ${packages.length} packages`);
    },
  }),
  defineItem({
    id: 'INT-02',
    title: 'The distribution release is still supported',
    severity: 'MEDIUM',
    category: 'patch',
    standards: [mlps('8.1.4.4e')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Plan an upgrade to a supported release before its security support ends.',
    params: { supportEnds: { type: 'string-list', default: ['debian:10:2024-06-30', 'debian:11:2026-08-31', 'debian:12:2028-06-30', 'debian:13:2030-06-30'], description: 'id:version:end-of-security-support dates' } },
    evaluate(facts, params) {
      const os = need(facts.os, 'os');
      const major = (os.versionId ?? '').split('.')[0];
      const entry = params.supportEnds.map((e) => e.split(':')).find(([id, version]) => id === os.id && version === major);
      if (entry === undefined) return manual(`no support date known for ${os.prettyName ?? `${os.id} ${os.versionId}`}`);
      const ends = entry[2];
      return verdict(facts.collectedAt.slice(0, 10) > ends ? [{ subject: os.prettyName ?? os.id, detail: `security support ended ${ends}`, source: '/etc/os-release' }] : [], 'the release no longer receives security updates', `${os.prettyName ?? os.id} supported until ${ends}`);
    },
  }),
  defineItem({
    id: 'INT-03',
    title: 'File integrity monitoring (AIDE) runs regularly',
    severity: 'LOW',
    category: 'integrity',
    standards: [cis('6.3.1'), cis('6.3.2'), mlps('8.1.4.6')],
    containerSpecific: false,
    notApplicableInContainer: true,
    remediation: 'apt install aide aide-common; aideinit; enable dailyaidecheck.timer.',
    params: {},
    evaluate(facts) {
      const installed = installedPackages(facts);
      if (!installed.has('aide')) return verdict([{ subject: 'aide', detail: 'package not installed' }], 'file changes go unnoticed', '');
      const cron = need(facts.cron, 'cron');
      const scheduled = unitEnabled(facts, 'dailyaidecheck.timer') || cron.commands.some((c) => /aide/.test(c));
      return verdict(scheduled ? [] : [{ subject: 'dailyaidecheck.timer', detail: 'no timer or cron job runs aide' }], 'integrity is never checked', 'AIDE installed and scheduled');
    },
  }),
  defineItem({
    id: 'MAL-01',
    title: 'Anti-malware is present with current signatures',
    severity: 'MEDIUM',
    category: 'integrity',
    standards: [mlps('8.1.4.5')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Install and enable an anti-malware product (e.g. clamav-daemon with clamav-freshclam) and keep signatures current.',
    params: { maxSignatureAgeDays: { type: 'integer', default: 7, min: 1, max: 365, description: 'oldest acceptable signature database' } },
    evaluate(facts, params) {
      const av = need(facts.antivirus, 'antivirus');
      if (av.products.length === 0) return verdict([{ subject: 'anti-malware', detail: 'no known product installed' }], 'no malware protection', '');
      if (av.products.some((p) => p.startsWith('clam'))) {
        const age = av.signaturesUpdatedAt === null ? Infinity : (Date.parse(facts.collectedAt) - Date.parse(av.signaturesUpdatedAt)) / 86_400_000;
        if (age > params.maxSignatureAgeDays) return verdict([{ subject: 'ClamAV signatures', detail: av.signaturesUpdatedAt === null ? 'no signature database' : `last updated ${av.signaturesUpdatedAt}`, source: '/var/lib/clamav' }], 'signatures are out of date', '');
      }
      return pass(`${av.products.join(', ')} present`);
    },
  }),
  defineItem({
    id: 'BAK-01',
    title: 'Backups are taken',
    severity: 'LOW',
    category: 'integrity',
    standards: [mlps('8.1.4.9a')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Back up important data (restic, borg, bacula, …) on a schedule, or attest the platform-level backup.',
    params: {},
    evaluate(facts) {
      const installed = installedPackages(facts);
      const tools = BACKUP_TOOLS.filter((t) => installed.has(t));
      const jobs = need(facts.cron, 'cron').commands.filter((c) => BACKUP_COMMAND.test(c));
      if (tools.length > 0 || jobs.length > 0) return pass('backup tooling found', [...tools.map((t) => ({ subject: t, detail: 'installed' })), ...jobs.map((j) => ({ subject: 'cron', detail: j }))]);
      return manual('no backup tool found on the host: attest platform or snapshot backups');
    },
  }),
  defineItem({
    id: 'MAC-01',
    title: 'AppArmor is installed and enabled at boot',
    severity: 'MEDIUM',
    category: 'integrity',
    standards: [cis('1.3.1.1'), cis('1.3.1.2'), mlps('8.1.4.2g')],
    containerSpecific: false,
    notApplicableInContainer: true,
    remediation: 'apt install apparmor apparmor-utils and keep `apparmor=1 security=apparmor` (no apparmor=0) on the kernel command line.',
    params: {},
    evaluate(facts) {
      const installed = installedPackages(facts);
      const faults: Evidence[] = [];
      if (!installed.has('apparmor')) faults.push({ subject: 'apparmor', detail: 'package not installed' });
      const boot = need(facts.boot, 'boot');
      const cmdline = `${boot.grubCmdline ?? ''} ${facts.kernel.status === 'collected' ? facts.kernel.value.cmdline ?? '' : ''}`;
      if (/(^|\s)apparmor=0(\s|$)/.test(cmdline)) faults.push({ subject: 'apparmor=0', detail: 'AppArmor disabled on the kernel command line', source: '/etc/default/grub' });
      if (faults.length === 0 && boot.grubCmdline === null && facts.kernel.status !== 'collected') return notApplicable('no boot configuration to check');
      return verdict(faults, 'mandatory access control is missing', 'AppArmor installed and not disabled');
    },
  }),
];
