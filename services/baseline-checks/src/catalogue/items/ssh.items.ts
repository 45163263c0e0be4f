import type { FactExpectation, HostFacts, RemediationStep, SshFacts } from '@rampart/host-facts';
import { defineItem, type BaselineCheckItem, type CheckOutcome, type Evidence, type RemediationPlan } from '../baseline-check-item';
import { isOutcome, moreThan, need, octal, sshd, sshOrSkip, verdict } from '../host-facts.view';

const mlps = (controlId: string) => ({ standard: 'MLPS_2_0_L3' as const, controlId });
const cis = (controlId: string) => ({ standard: 'CIS_DEBIAN_12' as const, controlId });
const DROP_IN = '/etc/ssh/sshd_config.d/00-rampart-baseline.conf';

/** Evaluates only when sshd is installed. */
const withSsh = (facts: HostFacts, check: (ssh: SshFacts) => CheckOutcome): CheckOutcome => {
  const ssh = sshOrSkip(facts);
  return isOutcome(ssh) ? ssh : check(ssh);
};

/**
 * Steps that make sshd settings effective. sshd keeps the first value it reads, so the setting goes where the current
 * effective value comes from, or (when defaulted) into an early-sorting drop-in when the main file includes
 * sshd_config.d, else at the top of sshd_config — never inside a Match block. sshd -t validates, a reload applies.
 */
export function sshdSettingPlan(facts: HostFacts, settings: Readonly<Record<string, string>>): RemediationPlan {
  const ssh = need(facts.ssh, 'ssh');
  const steps: RemediationStep[] = [];
  const expect: FactExpectation[] = [];
  for (const [keyword, value] of Object.entries(settings)) {
    const source = ssh.sources[keyword.toLowerCase()] ?? 'default';
    const file = source !== 'default' && source !== 'sshd -T' ? source.replace(/:\d+$/, '') : ssh.includesDropIns ? DROP_IN : '/etc/ssh/sshd_config';
    steps.push({ kind: 'set-key-in-file', path: file, key: keyword, value, separator: ' ', caseInsensitive: true, insertAt: 'top', stopAt: '^\\s*Match\\s', createMode: 0o600 });
    expect.push({ path: `ssh.settings.${keyword.toLowerCase()}[0]`, op: 'equals', value: /^(yes|no)$/i.test(value) ? value.toLowerCase() : value, description: `sshd ${keyword} ${value}` });
  }
  steps.push({ kind: 'run', argv: ['sshd', '-t'], purpose: 'validate' }, { kind: 'run', argv: ['systemctl', 'reload', 'ssh'], purpose: 'reload' });
  return { steps, expect };
}

const setting = (subject: string, detail: string, source: string): Evidence => ({ subject, detail, source });

const WEAK_CIPHERS = ['3des-cbc', 'aes128-cbc', 'aes192-cbc', 'aes256-cbc', 'blowfish-cbc', 'cast128-cbc', 'arcfour', 'arcfour128', 'arcfour256', 'rijndael-cbc@lysator.liu.se'];
const WEAK_MACS = ['hmac-md5', 'hmac-md5-96', 'hmac-ripemd160', 'hmac-sha1-96', 'umac-64@openssh.com', 'hmac-md5-etm@openssh.com', 'hmac-md5-96-etm@openssh.com', 'hmac-ripemd160-etm@openssh.com', 'hmac-sha1-96-etm@openssh.com', 'umac-64-etm@openssh.com'];
const WEAK_KEX = ['diffie-hellman-group1-sha1', 'diffie-hellman-group14-sha1', 'diffie-hellman-group-exchange-sha1'];

export const sshItems: readonly BaselineCheckItem[] = [
  defineItem({
    id: 'SSH-01',
    title: 'SSH root login is disabled',
    severity: 'HIGH',
    category: 'ssh',
    standards: [cis('5.1.20'), mlps('8.1.4.1a'), mlps('8.1.4.2b')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Set `PermitRootLogin no` (drop-in in /etc/ssh/sshd_config.d/ or top of sshd_config), validate with `sshd -t`, reload ssh.',
    params: { allowed: { type: 'string-list', default: ['no'], description: 'accepted PermitRootLogin values' } },
    evaluate: (facts, params) =>
      withSsh(facts, (ssh) => {
        const s = sshd(ssh, 'permitrootlogin');
        return verdict(params.allowed.includes(s.value) ? [] : [setting('PermitRootLogin', `is ${s.value}${s.source === 'default' ? ' (default)' : ''}`, s.source)], 'root can log in over SSH', `PermitRootLogin ${s.value}`);
      }),
    fix: (facts) => sshdSettingPlan(facts, { PermitRootLogin: 'no' }),
  }),
  defineItem({
    id: 'SSH-02',
    title: 'SSH refuses empty passwords and uses PAM',
    severity: 'HIGH',
    category: 'ssh',
    standards: [cis('5.1.19'), cis('5.1.22'), mlps('8.1.4.1a')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Set `PermitEmptyPasswords no` and `UsePAM yes` for sshd.',
    params: {},
    evaluate: (facts) =>
      withSsh(facts, (ssh) => {
        const empty = sshd(ssh, 'permitemptypasswords');
        const pam = sshd(ssh, 'usepam');
        const faults: Evidence[] = [];
        if (empty.value !== 'no') faults.push(setting('PermitEmptyPasswords', `is ${empty.value}`, empty.source));
        if (pam.value !== 'yes') faults.push(setting('UsePAM', `is ${pam.value}${pam.source === 'default' ? ' (default)' : ''}`, pam.source));
        return verdict(faults, 'SSH authentication bypasses password policy', 'PermitEmptyPasswords no, UsePAM yes');
      }),
    fix: (facts) => sshdSettingPlan(facts, { PermitEmptyPasswords: 'no', UsePAM: 'yes' }),
  }),
  defineItem({
    id: 'SSH-03',
    title: 'SSH authentication attempts and grace time are limited',
    severity: 'MEDIUM',
    category: 'ssh',
    standards: [cis('5.1.16'), cis('5.1.13'), mlps('8.1.4.1b')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Set `MaxAuthTries 4` and `LoginGraceTime 60` for sshd.',
    params: {
      maxAuthTries: { type: 'integer', default: 4, min: 1, max: 100, description: 'largest MaxAuthTries' },
      maxLoginGraceTime: { type: 'integer', default: 60, min: 1, max: 3600, description: 'largest LoginGraceTime in seconds' },
    },
    evaluate: (facts, params) =>
      withSsh(facts, (ssh) => {
        const tries = sshd(ssh, 'maxauthtries');
        const grace = sshd(ssh, 'logingracetime');
        const graceSeconds = /^\d+m$/.test(grace.value) ? Number(grace.value.slice(0, -1)) * 60 : Number(grace.value.replace(/s$/, ''));
        const faults: Evidence[] = [];
        if (Number(tries.value) > params.maxAuthTries) faults.push(setting('MaxAuthTries', `is ${tries.value}, expected ≤ ${params.maxAuthTries}`, tries.source));
        if (graceSeconds === 0 || graceSeconds > params.maxLoginGraceTime) faults.push(setting('LoginGraceTime', `is ${grace.value}, expected 1..${params.maxLoginGraceTime}`, grace.source));
        return verdict(faults, 'SSH allows long or repeated guessing', 'attempts and grace time limited');
      }),
    fix: (facts, params) => sshdSettingPlan(facts, { MaxAuthTries: String(params.maxAuthTries), LoginGraceTime: String(params.maxLoginGraceTime) }),
  }),
  defineItem({
    id: 'SSH-04',
    title: 'Idle SSH sessions are closed',
    severity: 'LOW',
    category: 'ssh',
    standards: [cis('5.1.7'), mlps('8.1.4.1b')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Set `ClientAliveInterval 15`..300 and `ClientAliveCountMax 3` (≥ 1) for sshd.',
    params: { maxInterval: { type: 'integer', default: 300, min: 1, max: 3600, description: 'largest ClientAliveInterval' } },
    evaluate: (facts, params) =>
      withSsh(facts, (ssh) => {
        const interval = sshd(ssh, 'clientaliveinterval');
        const count = sshd(ssh, 'clientalivecountmax');
        const faults: Evidence[] = [];
        if (Number(interval.value) < 1 || Number(interval.value) > params.maxInterval) faults.push(setting('ClientAliveInterval', `is ${interval.value}, expected 1..${params.maxInterval}`, interval.source));
        if (Number(count.value) < 1) faults.push(setting('ClientAliveCountMax', `is ${count.value}`, count.source));
        return verdict(faults, 'idle SSH sessions stay open', 'idle sessions are closed');
      }),
    fix: (facts, params) => sshdSettingPlan(facts, { ClientAliveInterval: String(Math.min(params.maxInterval, 300)), ClientAliveCountMax: '3' }),
  }),
  defineItem({
    id: 'SSH-05',
    title: 'SSH uses strong ciphers, MACs and key exchange',
    severity: 'MEDIUM',
    category: 'ssh',
    standards: [cis('5.1.6'), cis('5.1.12'), cis('5.1.15'), mlps('8.1.4.1c')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Set Ciphers, MACs and KexAlgorithms to lists without CBC, arcfour, MD5, SHA-1-96, umac-64 and SHA-1 key exchange (e.g. `MACs -umac-64*,-hmac-sha1-96*`).',
    params: {
      weakCiphers: { type: 'string-list', default: WEAK_CIPHERS, description: 'ciphers not allowed' },
      weakMacs: { type: 'string-list', default: WEAK_MACS, description: 'MACs not allowed' },
      weakKex: { type: 'string-list', default: WEAK_KEX, description: 'key exchange algorithms not allowed' },
    },
    evaluate: (facts, params) =>
      withSsh(facts, (ssh) => {
        const faults: Evidence[] = [];
        for (const [keyword, label, weak] of [['ciphers', 'Ciphers', params.weakCiphers], ['macs', 'MACs', params.weakMacs], ['kexalgorithms', 'KexAlgorithms', params.weakKex]] as const) {
          const s = sshd(ssh, keyword);
          const offered = s.value.split(',').map((a) => a.trim());
          const bad = offered.filter((a) => weak.includes(a));
          if (bad.length > 0) faults.push(setting(label, `offers ${bad.join(', ')}`, s.source));
        }
        return verdict(faults, 'SSH offers weak algorithms', 'only strong algorithms offered');
      }),
    fix(facts, params) {
      const ssh = need(facts.ssh, 'ssh');
      const strip = (keyword: string, weak: readonly string[]): string => sshd(ssh, keyword).value.split(',').filter((a) => a !== '' && !weak.includes(a)).join(',');
      return sshdSettingPlan(facts, { Ciphers: strip('ciphers', params.weakCiphers), MACs: strip('macs', params.weakMacs), KexAlgorithms: strip('kexalgorithms', params.weakKex) });
    },
  }),
  defineItem({
    id: 'SSH-06',
    title: 'SSH access is limited to named users or groups',
    severity: 'LOW',
    category: 'ssh',
    standards: [cis('5.1.4'), mlps('8.1.4.4c')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Add AllowUsers, AllowGroups, DenyUsers or DenyGroups to sshd configuration.',
    params: {},
    evaluate: (facts) =>
      withSsh(facts, (ssh) => {
        const present = ['allowusers', 'allowgroups', 'denyusers', 'denygroups'].filter((k) => (ssh.settings[k] ?? []).length > 0);
        return verdict(present.length > 0 ? [] : [setting('AllowUsers/AllowGroups', 'none configured: every account may log in over SSH', '/etc/ssh/sshd_config')], 'SSH access is not restricted', `restricted by ${present.join(', ')}`);
      }),
  }),
  defineItem({
    id: 'SSH-07',
    title: 'SSH log level is INFO or VERBOSE',
    severity: 'LOW',
    category: 'ssh',
    standards: [cis('5.1.14'), mlps('8.1.4.3a')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Set `LogLevel VERBOSE` (or INFO) for sshd.',
    params: {},
    evaluate: (facts) =>
      withSsh(facts, (ssh) => {
        const level = sshd(ssh, 'loglevel');
        return verdict(['INFO', 'VERBOSE'].includes(level.value.toUpperCase()) ? [] : [setting('LogLevel', `is ${level.value}`, level.source)], 'SSH logging is insufficient', `LogLevel ${level.value}`);
      }),
    fix: (facts) => sshdSettingPlan(facts, { LogLevel: 'VERBOSE' }),
  }),
  defineItem({
    id: 'SSH-08',
    title: 'sshd_config and host keys have safe permissions',
    severity: 'MEDIUM',
    category: 'ssh',
    standards: [cis('5.1.1'), cis('5.1.2'), cis('5.1.3'), mlps('8.1.4.2e')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'chown root:root and chmod 600 sshd_config and its drop-ins and private host keys; public keys 644.',
    params: {},
    evaluate: (facts) =>
      withSsh(facts, (ssh) => {
        const faults: Evidence[] = [];
        for (const meta of ssh.configFiles) if (moreThan(meta, 0o600) || meta.uid !== 0) faults.push({ subject: meta.path, detail: `mode ${octal(meta.mode)} owner ${meta.owner ?? meta.uid}, expected 0600 root` });
        for (const meta of ssh.privateHostKeys) if (moreThan(meta, 0o640) || meta.uid !== 0 || (moreThan(meta, 0o600) && meta.group !== 'ssh_keys')) faults.push({ subject: meta.path, detail: `mode ${octal(meta.mode)} owner ${meta.owner ?? meta.uid}:${meta.group ?? meta.gid}, expected 0600 root` });
        for (const meta of ssh.publicHostKeys) if (moreThan(meta, 0o644) || meta.uid !== 0) faults.push({ subject: meta.path, detail: `mode ${octal(meta.mode)}, expected 0644 root` });
        return verdict(faults, 'SSH configuration or keys are too open', 'SSH files are protected');
      }),
    fix(facts) {
      const ssh = need(facts.ssh, 'ssh');
      const steps: RemediationStep[] = [];
      for (const meta of ssh.configFiles) if (moreThan(meta, 0o600) || meta.uid !== 0) steps.push({ kind: 'chown', path: meta.path, owner: 'root', group: 'root' }, { kind: 'chmod', path: meta.path, mode: 0o600 });
      for (const meta of ssh.privateHostKeys) if (moreThan(meta, 0o600) || meta.uid !== 0) steps.push({ kind: 'chown', path: meta.path, owner: 'root', group: 'root' }, { kind: 'chmod', path: meta.path, mode: 0o600 });
      for (const meta of ssh.publicHostKeys) if (moreThan(meta, 0o644) || meta.uid !== 0) steps.push({ kind: 'chown', path: meta.path, owner: 'root', group: 'root' }, { kind: 'chmod', path: meta.path, mode: 0o644 });
      return steps.length === 0 ? null : { steps, expect: [] };
    },
  }),
  defineItem({
    id: 'SSH-09',
    title: 'SSH host-based trust and user environments are disabled',
    severity: 'MEDIUM',
    category: 'ssh',
    standards: [cis('5.1.10'), cis('5.1.11'), cis('5.1.21'), mlps('8.1.4.1a')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Set `HostbasedAuthentication no`, `IgnoreRhosts yes`, `PermitUserEnvironment no`.',
    params: {},
    evaluate: (facts) =>
      withSsh(facts, (ssh) => {
        const faults: Evidence[] = [];
        for (const [keyword, label, wanted] of [['hostbasedauthentication', 'HostbasedAuthentication', 'no'], ['ignorerhosts', 'IgnoreRhosts', 'yes'], ['permituserenvironment', 'PermitUserEnvironment', 'no']] as const) {
          const s = sshd(ssh, keyword);
          if (s.value !== wanted) faults.push(setting(label, `is ${s.value}, expected ${wanted}`, s.source));
        }
        return verdict(faults, 'legacy SSH trust options are enabled', 'legacy trust options disabled');
      }),
    fix: (facts) => sshdSettingPlan(facts, { HostbasedAuthentication: 'no', IgnoreRhosts: 'yes', PermitUserEnvironment: 'no' }),
  }),
  defineItem({
    id: 'SSH-10',
    title: 'SSH connection and session limits',
    severity: 'LOW',
    category: 'ssh',
    standards: [cis('5.1.17'), cis('5.1.18'), mlps('8.1.4.4c')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Set `MaxStartups 10:30:60` and `MaxSessions 10` (or lower).',
    params: { maxSessions: { type: 'integer', default: 10, min: 1, max: 1000, description: 'largest MaxSessions' }, maxStartupsFull: { type: 'integer', default: 60, min: 1, max: 10000, description: 'largest third MaxStartups field' } },
    evaluate: (facts, params) =>
      withSsh(facts, (ssh) => {
        const faults: Evidence[] = [];
        const sessions = sshd(ssh, 'maxsessions');
        if (Number(sessions.value) > params.maxSessions) faults.push(setting('MaxSessions', `is ${sessions.value}, expected ≤ ${params.maxSessions}`, sessions.source));
        const startups = sshd(ssh, 'maxstartups');
        const full = Number(startups.value.split(':')[2] ?? startups.value);
        if (full > params.maxStartupsFull) faults.push(setting('MaxStartups', `is ${startups.value}, expected …:${params.maxStartupsFull} or lower`, startups.source));
        return verdict(faults, 'SSH allows many unauthenticated connections or sessions', 'connection limits configured');
      }),
    fix: (facts, params) => sshdSettingPlan(facts, { MaxStartups: `10:30:${params.maxStartupsFull}`, MaxSessions: String(params.maxSessions) }),
  }),
];
