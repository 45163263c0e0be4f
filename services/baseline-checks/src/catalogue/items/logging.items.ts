import { defineItem, type BaselineCheckItem, type Evidence } from '../baseline-check-item';
import { installedPackages, need, notApplicable, unitEnabled, verdict } from '../host-facts.view';

const mlps = (controlId: string) => ({ standard: 'MLPS_2_0_L3' as const, controlId });
const cis = (controlId: string) => ({ standard: 'CIS_DEBIAN_12' as const, controlId });
const TIME_DAEMONS = ['chrony', 'systemd-timesyncd', 'ntp', 'ntpsec', 'openntpd'];

export const loggingItems: readonly BaselineCheckItem[] = [
  defineItem({
    id: 'LOG-01',
    title: 'System logging is active and forwarded off the host',
    severity: 'MEDIUM',
    category: 'logging',
    standards: [cis('6.1.1.1'), cis('6.1.3.2'), cis('6.1.3.6'), mlps('8.1.4.3c')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Keep journald or rsyslog active and forward logs to the central log host (rsyslog `*.* @@loghost:514` or systemd-journal-upload).',
    params: { requireRemote: { type: 'boolean', default: true, description: 'require forwarding to a remote log host' } },
    evaluate(facts, params) {
      const logging = need(facts.logging, 'logging');
      const faults: Evidence[] = [];
      const rsyslog = logging.rsyslogInstalled && unitEnabled(facts, 'rsyslog');
      const journald = installedPackages(facts).has('systemd');
      if (!rsyslog && !journald) faults.push({ subject: 'logging', detail: 'neither rsyslog enabled nor systemd-journald present' });
      if (params.requireRemote && logging.rsyslogRemoteTargets.length === 0 && logging.journalUploadUrl === null) faults.push({ subject: 'remote logging', detail: 'no rsyslog forwarding target and no journal-upload URL', source: logging.rsyslogFiles[0] ?? '/etc/rsyslog.conf' });
      return verdict(faults, 'logs stay only on the host', `logging active${logging.rsyslogRemoteTargets.length > 0 ? `, forwarded to ${logging.rsyslogRemoteTargets.join(', ')}` : ''}`);
    },
  }),
  defineItem({
    id: 'LOG-02',
    title: 'Exactly one time synchronisation daemon is enabled',
    severity: 'MEDIUM',
    category: 'logging',
    standards: [cis('2.3.1.1'), mlps('8.1.4.3b')],
    containerSpecific: false,
    notApplicableInContainer: true,
    remediation: 'Enable systemd-timesyncd (or chrony) with the site time servers and disable the others.',
    params: {},
    evaluate(facts) {
      const enabled = TIME_DAEMONS.filter((d) => unitEnabled(facts, d) || (d === 'chrony' && unitEnabled(facts, 'chronyd')));
      if (enabled.length === 1) return verdict([], '', `${enabled[0]} enabled`);
      return { status: 'FAIL', reason: enabled.length === 0 ? 'no time synchronisation: audit timestamps drift' : 'several time daemons compete', evidence: enabled.length === 0 ? [{ subject: 'time synchronisation', detail: `none of ${TIME_DAEMONS.join(', ')} is enabled` }] : enabled.map((d) => ({ subject: d, detail: 'enabled' })) };
    },
  }),
  defineItem({
    id: 'LOG-03',
    title: 'journald stores compressed logs persistently',
    severity: 'LOW',
    category: 'logging',
    standards: [cis('6.1.2.3'), cis('6.1.2.4'), mlps('8.1.4.3c')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Set `Storage=persistent` and `Compress=yes` in /etc/systemd/journald.conf.d/60-rampart.conf.',
    params: {},
    evaluate(facts) {
      if (!installedPackages(facts).has('systemd')) return notApplicable('systemd-journald is not installed');
      const journald = need(facts.logging, 'logging').journald;
      const faults: Evidence[] = [];
      if ((journald.Storage?.value ?? 'auto') !== 'persistent') faults.push({ subject: 'Storage', detail: `is ${journald.Storage?.value ?? 'auto (default)'}`, source: journald.Storage?.source ?? '/etc/systemd/journald.conf' });
      if ((journald.Compress?.value ?? 'yes') !== 'yes') faults.push({ subject: 'Compress', detail: `is ${journald.Compress?.value}`, source: journald.Compress?.source ?? '/etc/systemd/journald.conf' });
      return verdict(faults, 'journal may be lost at reboot', 'journald persistent and compressed');
    },
    fix: () => ({
      steps: [{ kind: 'write-file', path: '/etc/systemd/journald.conf.d/60-rampart.conf', content: '[Journal]\nStorage=persistent\nCompress=yes\n', mode: 0o644 }],
      expect: [{ path: 'logging.journald.Storage.value', op: 'equals', value: 'persistent', description: 'Storage=persistent' }],
    }),
  }),
  defineItem({
    id: 'LOG-04',
    title: 'rsyslog creates log files 0640 and does not receive remote logs',
    severity: 'LOW',
    category: 'logging',
    standards: [cis('6.1.3.4'), cis('6.1.3.7'), mlps('8.1.4.3c')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Add `$FileCreateMode 0640` to /etc/rsyslog.d/50-rampart.conf and remove imtcp/imudp inputs unless this is the log host.',
    params: {},
    evaluate(facts) {
      const logging = need(facts.logging, 'logging');
      if (!logging.rsyslogInstalled) return notApplicable('rsyslog is not installed');
      const faults: Evidence[] = [];
      const mode = logging.rsyslogFileCreateMode === null ? null : parseInt(logging.rsyslogFileCreateMode, 8);
      if (mode === null || (mode & ~0o640) !== 0) faults.push({ subject: '$FileCreateMode', detail: `is ${logging.rsyslogFileCreateMode ?? 'unset (0644 default)'}`, source: '/etc/rsyslog.conf' });
      if (logging.rsyslogListens) faults.push({ subject: 'rsyslog input', detail: 'imtcp/imudp receives logs from the network', source: '/etc/rsyslog.conf' });
      return verdict(faults, 'log files too open or rsyslog listens on the network', 'rsyslog file mode and inputs restricted');
    },
    fix: () => ({
      steps: [{ kind: 'write-file', path: '/etc/rsyslog.d/50-rampart.conf', content: '$FileCreateMode 0640\n', mode: 0o644 }],
      expect: [{ path: 'logging.rsyslogFileCreateMode', op: 'equals', value: '0640', description: '$FileCreateMode 0640' }],
    }),
  }),
];
