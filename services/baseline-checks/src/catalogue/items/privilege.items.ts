import type { HostFacts, SudoFacts } from '@rampart/host-facts';
import { defineItem, type BaselineCheckItem, type CheckOutcome, type Evidence } from '../baseline-check-item';
import { need, notApplicable, numberOf, pamArg, pamModuleLines, verdict, where } from '../host-facts.view';

const mlps = (controlId: string) => ({ standard: 'MLPS_2_0_L3' as const, controlId });
const cis = (controlId: string) => ({ standard: 'CIS_DEBIAN_12' as const, controlId });
const SUDO_DROP_IN = '/etc/sudoers.d/50-rampart-baseline';

const withSudo = (facts: HostFacts, check: (sudo: SudoFacts) => CheckOutcome): CheckOutcome => {
  const sudo = need(facts.sudo, 'sudo');
  return sudo.installed ? check(sudo) : notApplicable('sudo is not installed');
};

const defaultsMatching = (sudo: SudoFacts, re: RegExp) => sudo.defaults.filter((d) => re.test(d.text));

export const privilegeItems: readonly BaselineCheckItem[] = [
  defineItem({
    id: 'PRV-01',
    title: 'Access to su is restricted to a group',
    severity: 'MEDIUM',
    category: 'privilege',
    standards: [cis('5.2.7'), mlps('8.1.4.2d')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Create an empty group (e.g. sugroup) and add `auth required pam_wheel.so use_uid group=sugroup` to /etc/pam.d/su.',
    params: {},
    evaluate(facts) {
      const wheel = pamModuleLines(facts, 'su', 'auth', 'pam_wheel.so').filter((l) => l.args.includes('use_uid') && /^(required|requisite)$/.test(l.control));
      if (wheel.length === 0) return verdict([{ subject: 'pam_wheel.so', detail: 'no `auth required pam_wheel.so use_uid` line: any user knowing a password can su', source: '/etc/pam.d/su' }], 'su is open to every user', '');
      const groupName = pamArg(wheel[0], 'group') ?? 'root';
      const group = need(facts.accounts, 'accounts').groups.find((g) => g.name === groupName);
      const faults: Evidence[] = group === undefined ? [{ subject: groupName, detail: 'group named by pam_wheel does not exist', source: where(wheel[0]) }] : [];
      return verdict(faults, 'su restriction is misconfigured', `su limited to group ${groupName}`, [{ subject: groupName, detail: `members: ${group?.members.join(', ') || '(none)'}`, source: where(wheel[0]) }]);
    },
  }),
  defineItem({
    id: 'PRV-02',
    title: 'sudo uses a pty and a log file',
    severity: 'LOW',
    category: 'privilege',
    standards: [cis('5.2.2'), cis('5.2.3'), mlps('8.1.4.3a')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Add `Defaults use_pty` and `Defaults logfile="/var/log/sudo.log"` in a sudoers drop-in (validated with visudo -c).',
    params: {},
    evaluate: (facts) =>
      withSudo(facts, (sudo) => {
        const faults: Evidence[] = [];
        if (defaultsMatching(sudo, /\buse_pty\b/).filter((d) => !/!\s*use_pty/.test(d.text)).length === 0) faults.push({ subject: 'Defaults use_pty', detail: 'not set', source: '/etc/sudoers' });
        if (defaultsMatching(sudo, /\blogfile\s*=/).length === 0) faults.push({ subject: 'Defaults logfile', detail: 'not set', source: '/etc/sudoers' });
        return verdict(faults, 'sudo sessions are not contained or logged', 'use_pty and logfile set');
      }),
    fix: () => ({
      steps: [
        { kind: 'write-file', path: SUDO_DROP_IN, content: 'Defaults use_pty\nDefaults logfile="/var/log/sudo.log"\n', mode: 0o440 },
        { kind: 'run', argv: ['visudo', '-c'], purpose: 'validate' },
      ],
      expect: [{ path: `sudo.defaults[file=${SUDO_DROP_IN}].text`, op: 'present', description: 'sudo drop-in in effect' }],
    }),
  }),
  defineItem({
    id: 'PRV-03',
    title: 'Default umask is restrictive',
    severity: 'LOW',
    category: 'privilege',
    standards: [cis('5.4.3.3'), cis('5.4.2.6'), mlps('8.1.4.2d')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Set `UMASK 027` in /etc/login.defs and no weaker umask in /etc/profile, profile.d or bash.bashrc.',
    params: { umask: { type: 'string', default: '027', description: 'required umask bits (octal)' } },
    evaluate(facts, params) {
      const wanted = parseInt(params.umask, 8);
      const weaker = (value: string): boolean => (parseInt(value, 8) & wanted) !== wanted;
      const faults: Evidence[] = [];
      const loginDefs = need(facts.loginDefs, 'loginDefs').UMASK;
      if (loginDefs === undefined || weaker(loginDefs.value)) faults.push({ subject: 'UMASK', detail: `is ${loginDefs?.value ?? 'unset'}, expected ${params.umask} or stricter`, source: loginDefs?.source ?? '/etc/login.defs' });
      for (const u of need(facts.shellEnvironment, 'shellEnvironment').umask) if (weaker(u.value)) faults.push({ subject: 'umask', detail: `is ${u.value}`, source: `${u.file}:${u.line}` });
      return verdict(faults, 'new files are created too permissive', `umask ${params.umask}`);
    },
    fix: (_facts, params) => ({
      steps: [{ kind: 'set-key-in-file', path: '/etc/login.defs', key: 'UMASK', value: params.umask, separator: '\t' }],
      expect: [{ path: 'loginDefs.UMASK.value', op: 'equals', value: params.umask, description: `UMASK ${params.umask}` }],
    }),
  }),
  defineItem({
    id: 'PRV-04',
    title: 'sudo always requires authentication',
    severity: 'HIGH',
    category: 'privilege',
    standards: [cis('5.2.4'), cis('5.2.5'), mlps('8.1.4.2d')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Remove NOPASSWD tags and `!authenticate` from /etc/sudoers and /etc/sudoers.d/*.',
    params: {},
    evaluate: (facts) =>
      withSudo(facts, (sudo) => {
        const faults = sudo.rules.filter((r) => r.nopasswd || r.noAuthenticate).map((r) => ({ subject: r.text, detail: r.nopasswd ? 'NOPASSWD' : '!authenticate', source: `${r.file}:${r.line}` }));
        return verdict(faults, 'privilege escalation without a password', 'every sudo rule needs a password');
      }),
  }),
  defineItem({
    id: 'PRV-05',
    title: 'sudo re-authentication timeout',
    severity: 'LOW',
    category: 'privilege',
    standards: [cis('5.2.6'), mlps('8.1.4.2d')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Keep `Defaults timestamp_timeout` at 15 minutes or less (the default is 15).',
    params: { maxMinutes: { type: 'integer', default: 15, min: 0, max: 1440, description: 'largest timestamp_timeout' } },
    evaluate: (facts, params) =>
      withSudo(facts, (sudo) => {
        const faults: Evidence[] = [];
        for (const d of defaultsMatching(sudo, /timestamp_timeout\s*=/)) {
          const value = numberOf(/timestamp_timeout\s*=\s*(-?\d+)/.exec(d.text)?.[1]);
          if (value === null || value < 0 || value > params.maxMinutes) faults.push({ subject: 'timestamp_timeout', detail: `is ${value ?? 'unparsable'}${value !== null && value < 0 ? ' (never expires)' : ''}`, source: `${d.file}:${d.line}` });
        }
        return verdict(faults, 'sudo credentials are cached too long', 'timestamp_timeout within limit');
      }),
  }),
];
