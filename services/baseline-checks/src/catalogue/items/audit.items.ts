import type { AuditFacts, HostFacts } from '@rampart/host-facts';
import { defineItem, type BaselineCheckItem, type CheckOutcome, type Evidence } from '../baseline-check-item';
import { installedPackages, moreThan, need, notApplicable, numberOf, octal, unitEnabled, verdict } from '../host-facts.view';

const mlps = (controlId: string) => ({ standard: 'MLPS_2_0_L3' as const, controlId });
const cis = (controlId: string) => ({ standard: 'CIS_DEBIAN_12' as const, controlId });
const RULES_FILE = '/etc/audit/rules.d/50-rampart-baseline.rules';

interface RuleGroup {
  readonly cis: string;
  readonly covered: (rules: readonly string[]) => boolean;
  readonly rules: readonly string[];
}

interface RuleIndex {
  readonly watched: ReadonlySet<string>;
  readonly syscalls: ReadonlySet<string>;
}

const indexes = new WeakMap<readonly string[], RuleIndex>();
/** Watched paths (-w, path=, dir=) and syscalls (-S a,b) of a rule list, computed once per list. */
function ruleIndex(rules: readonly string[]): RuleIndex {
  let index = indexes.get(rules);
  if (index === undefined) {
    const watched = new Set<string>();
    const calls = new Set<string>();
    for (const rule of rules) {
      for (const m of rule.matchAll(/(?:^|\s)(?:-w\s+|-F\s+(?:path|dir)=)(\S+)/g)) watched.add(m[1]);
      for (const m of rule.matchAll(/(?:^|\s)-S\s+(\S+)/g)) for (const call of m[1].split(',')) calls.add(call);
    }
    index = { watched, syscalls: calls };
    indexes.set(rules, index);
  }
  return index;
}
const watches = (rules: readonly string[], path: string): boolean => ruleIndex(rules).watched.has(path);
const syscalls = (rules: readonly string[], names: readonly string[]): boolean => names.every((n) => ruleIndex(rules).syscalls.has(n));

/** Rule groups of CIS 6.2.3.x with the rules that satisfy them. */
export const AUDIT_RULE_GROUPS: Readonly<Record<string, RuleGroup>> = {
  sudoers: { cis: '6.2.3.1', covered: (r) => watches(r, '/etc/sudoers') && watches(r, '/etc/sudoers.d'), rules: ['-w /etc/sudoers -p wa -k scope', '-w /etc/sudoers.d -p wa -k scope'] },
  time: {
    cis: '6.2.3.4',
    covered: (r) => syscalls(r, ['adjtimex', 'settimeofday', 'clock_settime']) && watches(r, '/etc/localtime'),
    rules: ['-a always,exit -F arch=b64 -S adjtimex,settimeofday,clock_settime -k time-change', '-a always,exit -F arch=b32 -S adjtimex,settimeofday,clock_settime -k time-change', '-w /etc/localtime -p wa -k time-change'],
  },
  network: { cis: '6.2.3.5', covered: (r) => syscalls(r, ['sethostname', 'setdomainname']) && watches(r, '/etc/hosts'), rules: ['-a always,exit -F arch=b64 -S sethostname,setdomainname -k system-locale', '-w /etc/issue -p wa -k system-locale', '-w /etc/issue.net -p wa -k system-locale', '-w /etc/hosts -p wa -k system-locale', '-w /etc/network -p wa -k system-locale'] },
  identity: {
    cis: '6.2.3.8',
    covered: (r) => ['/etc/group', '/etc/passwd', '/etc/gshadow', '/etc/shadow', '/etc/security/opasswd'].every((p) => watches(r, p)),
    rules: ['-w /etc/group -p wa -k identity', '-w /etc/passwd -p wa -k identity', '-w /etc/gshadow -p wa -k identity', '-w /etc/shadow -p wa -k identity', '-w /etc/security/opasswd -p wa -k identity', '-w /etc/nsswitch.conf -p wa -k identity', '-w /etc/pam.conf -p wa -k identity', '-w /etc/pam.d -p wa -k identity'],
  },
  permissions: {
    cis: '6.2.3.9',
    covered: (r) => syscalls(r, ['chmod', 'fchmod', 'fchmodat', 'chown', 'fchown', 'lchown', 'fchownat']),
    rules: ['-a always,exit -F arch=b64 -S chmod,fchmod,fchmodat -F auid>=1000 -F auid!=unset -k perm_mod', '-a always,exit -F arch=b64 -S chown,fchown,lchown,fchownat -F auid>=1000 -F auid!=unset -k perm_mod', '-a always,exit -F arch=b64 -S setxattr,lsetxattr,fsetxattr,removexattr,lremovexattr,fremovexattr -F auid>=1000 -F auid!=unset -k perm_mod'],
  },
  mounts: { cis: '6.2.3.10', covered: (r) => syscalls(r, ['mount']), rules: ['-a always,exit -F arch=b64 -S mount -F auid>=1000 -F auid!=unset -k mounts'] },
  session: { cis: '6.2.3.11', covered: (r) => ['/var/run/utmp', '/var/log/wtmp', '/var/log/btmp'].every((p) => watches(r, p)), rules: ['-w /var/run/utmp -p wa -k session', '-w /var/log/wtmp -p wa -k session', '-w /var/log/btmp -p wa -k session'] },
  logins: { cis: '6.2.3.12', covered: (r) => watches(r, '/var/log/lastlog') && (watches(r, '/var/run/faillock') || watches(r, '/run/faillock')), rules: ['-w /var/log/lastlog -p wa -k logins', '-w /var/run/faillock -p wa -k logins'] },
  deletion: { cis: '6.2.3.13', covered: (r) => syscalls(r, ['unlink', 'unlinkat', 'rename', 'renameat']), rules: ['-a always,exit -F arch=b64 -S rename,unlink,unlinkat,renameat -F auid>=1000 -F auid!=unset -k delete'] },
  modules: {
    cis: '6.2.3.19',
    covered: (r) => syscalls(r, ['init_module', 'finit_module', 'delete_module']),
    rules: ['-a always,exit -F arch=b64 -S init_module,finit_module,delete_module,create_module,query_module -F auid>=1000 -F auid!=unset -k kernel_modules', '-a always,exit -F path=/usr/bin/kmod -F perm=x -F auid>=1000 -F auid!=unset -k kernel_modules'],
  },
  immutable: { cis: '6.2.3.20', covered: (r) => r.length > 0 && r[r.length - 1] === '-e 2', rules: ['-e 2'] },
};

/** Loaded rules on a live host, else the on-disk rules. */
const effectiveRules = (facts: HostFacts, audit: AuditFacts): readonly string[] => (facts.auditLoadedRules.status === 'collected' && facts.auditLoadedRules.value.length > 0 ? facts.auditLoadedRules.value : audit.rules);

const withAuditd = (facts: HostFacts, check: (audit: AuditFacts) => CheckOutcome): CheckOutcome => {
  const audit = need(facts.audit, 'audit');
  return audit.installed ? check(audit) : { status: 'FAIL', reason: 'auditd is not installed', evidence: [{ subject: 'auditd', detail: 'package not installed' }] };
};

const missingGroups = (facts: HostFacts, audit: AuditFacts, groups: readonly string[]): string[] => {
  const rules = effectiveRules(facts, audit);
  return groups.filter((g) => AUDIT_RULE_GROUPS[g] !== undefined && !AUDIT_RULE_GROUPS[g].covered(rules));
};

export const auditItems: readonly BaselineCheckItem[] = [
  defineItem({
    id: 'AUD-01',
    title: 'auditd is installed and enabled',
    severity: 'MEDIUM',
    category: 'audit',
    standards: [cis('6.2.1.1'), cis('6.2.1.2'), mlps('8.1.4.3a'), mlps('8.1.4.3d')],
    containerSpecific: false,
    notApplicableInContainer: true,
    remediation: 'apt install auditd audispd-plugins; systemctl enable --now auditd.',
    params: {},
    evaluate(facts) {
      const installed = installedPackages(facts);
      const faults: Evidence[] = [];
      for (const pkg of ['auditd', 'audispd-plugins']) if (!installed.has(pkg)) faults.push({ subject: pkg, detail: 'package not installed' });
      if (installed.has('auditd') && !unitEnabled(facts, 'auditd')) faults.push({ subject: 'auditd.service', detail: 'not enabled' });
      if (installed.has('auditd') && facts.processes.status === 'collected' && !facts.processes.value.includes('auditd')) faults.push({ subject: 'auditd', detail: 'not running' });
      return verdict(faults, 'security events are not audited', 'auditd installed, enabled and running');
    },
  }),
  defineItem({
    id: 'AUD-02',
    title: 'Audit rules cover security-relevant events',
    severity: 'MEDIUM',
    category: 'audit',
    standards: [...Object.values(AUDIT_RULE_GROUPS).map((g) => cis(g.cis)), mlps('8.1.4.3a'), mlps('8.1.4.3b')],
    containerSpecific: false,
    notApplicableInContainer: true,
    remediation: 'Add the missing rules to /etc/audit/rules.d/50-rampart-baseline.rules (with `-e 2` last) and run `augenrules --load`.',
    params: { groups: { type: 'string-list', default: Object.keys(AUDIT_RULE_GROUPS), description: `required rule groups (${Object.keys(AUDIT_RULE_GROUPS).join(', ')})` } },
    evaluate: (facts, params) =>
      withAuditd(facts, (audit) => {
        const missing = missingGroups(facts, audit, params.groups);
        return verdict(missing.map((g) => ({ subject: g, detail: `no rules for CIS ${AUDIT_RULE_GROUPS[g].cis}`, source: '/etc/audit/rules.d' })), 'security events go unrecorded', 'all rule groups present');
      }),
    fix(facts, params) {
      const audit = need(facts.audit, 'audit');
      if (!audit.installed) return null;
      const missing = missingGroups(facts, audit, params.groups).filter((g) => g !== 'immutable');
      if (missing.length === 0 && !missingGroups(facts, audit, ['immutable']).length) return null;
      const content = ['## Rampart baseline audit rules', ...missing.flatMap((g) => AUDIT_RULE_GROUPS[g].rules)].join('\n');
      return {
        steps: [
          { kind: 'write-file', path: RULES_FILE, content: `${content}\n`, mode: 0o640 },
          { kind: 'write-file', path: '/etc/audit/rules.d/99-finalize.rules', content: '-e 2\n', mode: 0o640 },
          { kind: 'run', argv: ['augenrules', '--load'], purpose: 'reload' },
        ],
        expect: [{ path: 'audit.rules', op: 'includes', value: '-e 2', description: 'audit configuration immutable' }],
      };
    },
  }),
  defineItem({
    id: 'AUD-03',
    title: 'Audit logs are retained and protected',
    severity: 'MEDIUM',
    category: 'audit',
    standards: [cis('6.2.2.1'), cis('6.2.2.2'), cis('6.2.2.3'), cis('6.2.2.4'), cis('6.2.4.1'), cis('6.2.4.2'), cis('6.2.4.3'), cis('6.2.4.4'), mlps('8.1.4.3c')],
    containerSpecific: false,
    notApplicableInContainer: true,
    remediation: 'auditd.conf: max_log_file_action = keep_logs, space_left_action = email, admin_space_left_action = single, disk_full_action/disk_error_action = single; logs 0640 root, /var/log/audit 0750.',
    params: { minMaxLogFileMb: { type: 'integer', default: 8, min: 1, max: 100000, description: 'smallest max_log_file in MB' } },
    evaluate: (facts, params) =>
      withAuditd(facts, (audit) => {
        const faults: Evidence[] = [];
        const conf = (key: string) => audit.auditdConf[key];
        const expectOneOf = (key: string, allowed: readonly string[]): void => {
          const s = conf(key);
          if (s === undefined || !allowed.includes(s.value.toLowerCase())) faults.push({ subject: key, detail: `is ${s?.value ?? 'unset'}, expected ${allowed.join('|')}`, source: s?.source ?? '/etc/audit/auditd.conf' });
        };
        if ((numberOf(conf('max_log_file')?.value) ?? 0) < params.minMaxLogFileMb) faults.push({ subject: 'max_log_file', detail: `is ${conf('max_log_file')?.value ?? 'unset'}`, source: '/etc/audit/auditd.conf' });
        expectOneOf('max_log_file_action', ['keep_logs']);
        expectOneOf('space_left_action', ['email', 'exec', 'single', 'halt']);
        expectOneOf('admin_space_left_action', ['single', 'halt']);
        expectOneOf('disk_full_action', ['single', 'halt']);
        expectOneOf('disk_error_action', ['syslog', 'single', 'halt']);
        for (const file of audit.logFiles) if (moreThan(file, 0o640) || file.uid !== 0) faults.push({ subject: file.path, detail: `mode ${octal(file.mode)} owner ${file.owner ?? file.uid}` });
        if (audit.logDirectory !== null && moreThan(audit.logDirectory, 0o750)) faults.push({ subject: audit.logDirectory.path, detail: `mode ${octal(audit.logDirectory.mode)}` });
        return verdict(faults, 'audit records can be lost or read', 'audit logs retained and protected');
      }),
    fix(facts) {
      if (!need(facts.audit, 'audit').installed) return null;
      const set = (key: string, value: string) => ({ kind: 'set-key-in-file' as const, path: '/etc/audit/auditd.conf', key, value, separator: ' = ' as const });
      return {
        steps: [set('max_log_file_action', 'keep_logs'), set('space_left_action', 'email'), set('admin_space_left_action', 'single'), set('disk_full_action', 'single'), set('disk_error_action', 'single')],
        expect: [{ path: 'audit.auditdConf.max_log_file_action.value', op: 'equals', value: 'keep_logs', description: 'max_log_file_action = keep_logs' }],
      };
    },
  }),
  defineItem({
    id: 'AUD-04',
    title: 'Auditing starts at boot with a sufficient backlog',
    severity: 'LOW',
    category: 'audit',
    standards: [cis('6.2.1.3'), cis('6.2.1.4'), mlps('8.1.4.3d')],
    containerSpecific: false,
    notApplicableInContainer: true,
    remediation: 'Add `audit=1 audit_backlog_limit=8192` to GRUB_CMDLINE_LINUX in /etc/default/grub and run update-grub.',
    params: { minBacklog: { type: 'integer', default: 8192, min: 64, max: 1048576, description: 'smallest audit_backlog_limit' } },
    evaluate(facts, params) {
      const boot = need(facts.boot, 'boot');
      if (boot.grubCmdline === null) return notApplicable('no GRUB configuration (/etc/default/grub)');
      const faults: Evidence[] = [];
      if (!/(^|\s)audit=1(\s|$)/.test(boot.grubCmdline)) faults.push({ subject: 'audit=1', detail: 'missing from GRUB_CMDLINE_LINUX', source: '/etc/default/grub' });
      const backlog = numberOf(/audit_backlog_limit=(\d+)/.exec(boot.grubCmdline)?.[1]);
      if (backlog === null || backlog < params.minBacklog) faults.push({ subject: 'audit_backlog_limit', detail: `is ${backlog ?? 'unset'}, expected ≥ ${params.minBacklog}`, source: '/etc/default/grub' });
      return verdict(faults, 'processes started before auditd are not audited', 'auditing enabled at boot');
    },
  }),
];
