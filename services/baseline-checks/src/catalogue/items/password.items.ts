import type { ConfigSetting, HostFacts, RemediationStep } from '@rampart/host-facts';
import { defineItem, type BaselineCheckItem, type Evidence } from '../baseline-check-item';
import { fail, installedPackages, need, numberOf, pamArg, pamModuleLines, passwordAccounts, verdict, where } from '../host-facts.view';

const mlps = (controlId: string) => ({ standard: 'MLPS_2_0_L3' as const, controlId });
const cis = (controlId: string) => ({ standard: 'CIS_DEBIAN_12' as const, controlId });
const PWQUALITY_CONF = '/etc/security/pwquality.conf';
const FAILLOCK_CONF = '/etc/security/faillock.conf';

interface Option {
  readonly value: string;
  readonly source: string;
}

/** Effective pam_pwquality option: an argument on the pam line overrides pwquality.conf(.d). */
function pwqualityOption(facts: HostFacts, name: string): Option | undefined {
  const line = pamModuleLines(facts, 'common-password', 'password', 'pam_pwquality.so')[0];
  const arg = line === undefined ? undefined : pamArg(line, name);
  if (line !== undefined && arg !== undefined) return { value: arg, source: where(line) };
  const conf: ConfigSetting | undefined = need(facts.pwquality, 'pwquality').settings[name];
  return conf === undefined ? undefined : { value: conf.value, source: conf.source };
}

/** Effective pam_faillock option (pam arguments override faillock.conf). */
function faillockOption(facts: HostFacts, name: string): Option | undefined {
  for (const line of pamModuleLines(facts, 'common-auth', 'auth', 'pam_faillock.so')) {
    const arg = pamArg(line, name);
    if (arg !== undefined) return { value: arg, source: where(line) };
  }
  const conf = need(facts.faillock, 'faillock').settings[name];
  return conf === undefined ? undefined : { value: conf.value, source: conf.source };
}

const pwqualityEnabled = (facts: HostFacts): boolean => pamModuleLines(facts, 'common-password', 'password', 'pam_pwquality.so').length > 0;
const notEnabled = (): Evidence => ({ subject: 'pam_pwquality.so', detail: 'not in /etc/pam.d/common-password', source: '/etc/pam.d/common-password' });

/** Steps that make a pwquality option effective: the conf value, and drop a conflicting pam argument. */
function pwqualitySteps(facts: HostFacts, name: string, value: string): RemediationStep[] {
  const steps: RemediationStep[] = [{ kind: 'set-key-in-file', path: PWQUALITY_CONF, key: name, value, separator: ' = ', createMode: 0o644 }];
  const line = pamModuleLines(facts, 'common-password', 'password', 'pam_pwquality.so')[0];
  const arg = line === undefined ? undefined : pamArg(line, name);
  if (line !== undefined && arg !== undefined && arg !== value) steps.push({ kind: 'remove-word', path: line.file, linePattern: 'pam_pwquality\\.so', word: arg === '' ? name : `${name}=${arg}` });
  return steps;
}

const loginDef = (facts: HostFacts, key: string): ConfigSetting | undefined => need(facts.loginDefs, 'loginDefs')[key];

export const passwordItems: readonly BaselineCheckItem[] = [
  defineItem({
    id: 'PWD-02',
    title: 'Passwords are hashed with a strong algorithm',
    severity: 'MEDIUM',
    category: 'pam',
    standards: [cis('5.3.3.4.3'), cis('5.4.1.4'), mlps('8.1.4.1a')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Use yescrypt or sha512 in pam_unix (common-password) and ENCRYPT_METHOD in /etc/login.defs; make users with weaker hashes change their password.',
    params: { allowedMethods: { type: 'string-list', default: ['yescrypt', 'sha512'], description: 'accepted pam_unix / ENCRYPT_METHOD algorithms' } },
    evaluate(facts, params) {
      const allowed = params.allowedMethods.map((m) => m.toLowerCase());
      const faults: Evidence[] = [];
      const unix = pamModuleLines(facts, 'common-password', 'password', 'pam_unix.so');
      for (const line of unix) if (!line.args.some((a) => allowed.includes(a.toLowerCase()))) faults.push({ subject: 'pam_unix.so', detail: `no ${allowed.join('/')} argument`, source: where(line) });
      const method = loginDef(facts, 'ENCRYPT_METHOD');
      if (method === undefined || !allowed.includes(method.value.toLowerCase())) faults.push({ subject: 'ENCRYPT_METHOD', detail: `is ${method?.value ?? 'unset'}`, source: method?.source ?? '/etc/login.defs' });
      const hashAllowed = new Set(allowed.map((m) => (m === 'sha512' ? 'sha512crypt' : m)));
      for (const user of need(facts.accounts, 'accounts').users) {
        const algorithm = user.shadow?.algorithm;
        if (user.shadow?.passwordStatus === 'hashed' && algorithm !== null && algorithm !== undefined && !hashAllowed.has(algorithm)) faults.push({ subject: user.name, detail: `password hashed with ${algorithm}`, source: '/etc/shadow' });
      }
      return verdict(faults, 'weak password hashing is configured or in use', 'strong hashing configured and used');
    },
    fix(facts, params) {
      const method = params.allowedMethods[0]?.toUpperCase() ?? 'YESCRYPT';
      const weakUsers = need(facts.accounts, 'accounts').users.filter((u) => u.shadow?.passwordStatus === 'hashed' && ['md5crypt', 'descrypt', 'sha256crypt', 'unknown'].includes(u.shadow.algorithm ?? ''));
      return {
        steps: [
          { kind: 'set-key-in-file', path: '/etc/login.defs', key: 'ENCRYPT_METHOD', value: method, separator: ' ' },
          ...weakUsers.map((u) => ({ kind: 'set-account-field' as const, account: u.name, field: 'lastChangeDays' as const, value: '0' })),
        ],
        expect: [{ path: 'loginDefs.ENCRYPT_METHOD.value', op: 'equals', value: method, description: `ENCRYPT_METHOD ${method}` }],
      };
    },
  }),
  defineItem({
    id: 'PWD-03',
    title: 'pam_pwquality is installed and enabled',
    severity: 'MEDIUM',
    category: 'pam',
    standards: [cis('5.3.1.3'), cis('5.3.2.3'), mlps('8.1.4.1a')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'apt install libpam-pwquality; pam-auth-update --enable pwquality.',
    params: {},
    evaluate(facts) {
      const faults: Evidence[] = [];
      if (!installedPackages(facts).has('libpam-pwquality')) faults.push({ subject: 'libpam-pwquality', detail: 'package not installed' });
      if (!pwqualityEnabled(facts)) faults.push(notEnabled());
      return verdict(faults, 'password quality is not enforced', 'pam_pwquality installed and enabled');
    },
  }),
  defineItem({
    id: 'PWD-04',
    title: 'Minimum password length',
    severity: 'MEDIUM',
    category: 'pam',
    standards: [cis('5.3.3.2.2'), mlps('8.1.4.1a')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Set `minlen = 14` (or the policy value) in /etc/security/pwquality.conf and no lower minlen on the pam_pwquality line.',
    params: { minLength: { type: 'integer', default: 14, min: 6, max: 128, description: 'minimum password length' } },
    profiles: { MLPS_2_0_L3: { minLength: 8 } },
    evaluate(facts, params) {
      if (!pwqualityEnabled(facts)) return fail('pam_pwquality is not enabled, no length is enforced', [notEnabled()]);
      const minlen = pwqualityOption(facts, 'minlen');
      const value = numberOf(minlen?.value) ?? 8;
      return verdict(value >= params.minLength ? [] : [{ subject: 'minlen', detail: `is ${value}${minlen === undefined ? ' (pwquality default)' : ''}, expected ≥ ${params.minLength}`, source: minlen?.source ?? PWQUALITY_CONF }], 'passwords may be too short', `minlen ${value}`);
    },
    fix: (facts, params) => ({ steps: pwqualitySteps(facts, 'minlen', String(params.minLength)), expect: [{ path: 'pwquality.settings.minlen.value', op: 'gte', value: params.minLength, description: `minlen ≥ ${params.minLength}` }] }),
  }),
  defineItem({
    id: 'PWD-05',
    title: 'Password complexity',
    severity: 'MEDIUM',
    category: 'pam',
    standards: [cis('5.3.3.2.3'), mlps('8.1.4.1a')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Set `minclass = 3` (or 4) in /etc/security/pwquality.conf, or require classes with negative dcredit/ucredit/lcredit/ocredit.',
    params: { minClasses: { type: 'integer', default: 3, min: 1, max: 4, description: 'character classes a password must use' } },
    evaluate(facts, params) {
      if (!pwqualityEnabled(facts)) return fail('pam_pwquality is not enabled, no complexity is enforced', [notEnabled()]);
      const minclass = numberOf(pwqualityOption(facts, 'minclass')?.value) ?? 0;
      const required = ['dcredit', 'ucredit', 'lcredit', 'ocredit'].filter((c) => (numberOf(pwqualityOption(facts, c)?.value) ?? 0) < 0).length;
      const classes = Math.max(minclass, required);
      return verdict(classes >= params.minClasses ? [] : [{ subject: 'minclass', detail: `${classes} classes required, expected ≥ ${params.minClasses}`, source: pwqualityOption(facts, 'minclass')?.source ?? PWQUALITY_CONF }], 'passwords need too few character classes', `${classes} classes required`);
    },
    fix: (facts, params) => ({ steps: pwqualitySteps(facts, 'minclass', String(params.minClasses)), expect: [{ path: 'pwquality.settings.minclass.value', op: 'gte', value: params.minClasses, description: `minclass ≥ ${params.minClasses}` }] }),
  }),
  defineItem({
    id: 'PWD-06',
    title: 'Dictionary check enforced, also for root',
    severity: 'MEDIUM',
    category: 'pam',
    standards: [cis('5.3.3.2.6'), cis('5.3.3.2.7'), cis('5.3.3.2.8'), mlps('8.1.4.1a')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'In /etc/security/pwquality.conf: keep dictcheck and enforcing non-zero and add `enforce_for_root`.',
    params: {},
    evaluate(facts) {
      if (!pwqualityEnabled(facts)) return fail('pam_pwquality is not enabled', [notEnabled()]);
      const faults: Evidence[] = [];
      for (const name of ['dictcheck', 'enforcing']) {
        const option = pwqualityOption(facts, name);
        if (option !== undefined && numberOf(option.value) === 0) faults.push({ subject: name, detail: 'is 0', source: option.source });
      }
      if (pwqualityOption(facts, 'enforce_for_root') === undefined) faults.push({ subject: 'enforce_for_root', detail: 'not set: root may choose weak passwords', source: PWQUALITY_CONF });
      return verdict(faults, 'password quality is not enforced for everyone', 'dictionary check enforced for all users');
    },
    fix: () => ({
      steps: [
        { kind: 'remove-line', path: PWQUALITY_CONF, pattern: '^\\s*(dictcheck|enforcing)\\s*=\\s*0\\s*$' },
        { kind: 'append-line', path: PWQUALITY_CONF, line: 'enforce_for_root', createMode: 0o644 },
      ],
      expect: [{ path: 'pwquality.settings.enforce_for_root', op: 'present', description: 'enforce_for_root set' }],
    }),
  }),
  defineItem({
    id: 'PWD-07',
    title: 'Password history is remembered',
    severity: 'LOW',
    category: 'pam',
    standards: [cis('5.3.2.4'), cis('5.3.3.3.1'), mlps('8.1.4.1a')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Add `password required pam_pwhistory.so remember=24 enforce_for_root try_first_pass use_authtok` before pam_unix in common-password.',
    params: { remember: { type: 'integer', default: 24, min: 1, max: 400, description: 'previous passwords that cannot be reused' } },
    profiles: { MLPS_2_0_L3: { remember: 5 } },
    evaluate(facts, params) {
      const lines = pamModuleLines(facts, 'common-password', 'password', 'pam_pwhistory.so');
      if (lines.length === 0) return fail('pam_pwhistory is not enabled', [{ subject: 'pam_pwhistory.so', detail: 'not in common-password', source: '/etc/pam.d/common-password' }]);
      const remember = numberOf(pamArg(lines[0], 'remember')) ?? 10;
      return verdict(remember >= params.remember ? [] : [{ subject: 'remember', detail: `is ${remember}, expected ≥ ${params.remember}`, source: where(lines[0]) }], 'too few old passwords are remembered', `remember=${remember}`);
    },
    fix(facts, params) {
      const existing = pamModuleLines(facts, 'common-password', 'password', 'pam_pwhistory.so');
      return {
        steps: [
          ...(existing.length > 0 ? [{ kind: 'remove-line' as const, path: existing[0].file, pattern: '^\\s*password\\s+\\S+\\s+pam_pwhistory\\.so' }] : []),
          { kind: 'insert-line', path: '/etc/pam.d/common-password', line: `password\trequired\tpam_pwhistory.so remember=${params.remember} enforce_for_root try_first_pass use_authtok`, before: '^\\s*password\\s+.*pam_unix\\.so' },
        ],
        expect: [{ path: 'pam.services.common-password[module=pam_pwhistory.so].module', op: 'equals', value: 'pam_pwhistory.so', description: 'pam_pwhistory in common-password' }],
      };
    },
  }),
  defineItem({
    id: 'PWD-08',
    title: 'Maximum password age',
    severity: 'MEDIUM',
    category: 'password',
    standards: [cis('5.4.1.1'), mlps('8.1.4.1a')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Set PASS_MAX_DAYS in /etc/login.defs and `chage --maxdays N USER` for every account with a password.',
    params: { maxDays: { type: 'integer', default: 365, min: 1, max: 99999, description: 'PASS_MAX_DAYS upper bound' } },
    profiles: { MLPS_2_0_L3: { maxDays: 90 } },
    evaluate(facts, params) {
      const faults: Evidence[] = [];
      const max = loginDef(facts, 'PASS_MAX_DAYS');
      const value = numberOf(max?.value);
      if (value === null || value > params.maxDays || value <= 0) faults.push({ subject: 'PASS_MAX_DAYS', detail: `is ${max?.value ?? 'unset'}, expected 1..${params.maxDays}`, source: max?.source ?? '/etc/login.defs' });
      for (const u of passwordAccounts(facts)) {
        const days = u.shadow?.maxDays;
        if (days === null || days === undefined || days > params.maxDays || days <= 0) faults.push({ subject: u.name, detail: `maximum password age ${days ?? 'unset'}`, source: '/etc/shadow' });
      }
      return verdict(faults, 'passwords do not expire in time', `passwords expire within ${params.maxDays} days`);
    },
    fix(facts, params) {
      const users = passwordAccounts(facts).filter((u) => u.shadow?.maxDays === null || (u.shadow?.maxDays ?? 0) > params.maxDays || (u.shadow?.maxDays ?? 0) <= 0);
      return {
        steps: [
          { kind: 'set-key-in-file', path: '/etc/login.defs', key: 'PASS_MAX_DAYS', value: String(params.maxDays), separator: '\t' },
          ...users.map((u) => ({ kind: 'set-account-field' as const, account: u.name, field: 'maxDays' as const, value: String(params.maxDays) })),
        ],
        expect: [{ path: 'loginDefs.PASS_MAX_DAYS.value', op: 'lte', value: params.maxDays, description: `PASS_MAX_DAYS ≤ ${params.maxDays}` }],
      };
    },
  }),
  defineItem({
    id: 'PWD-09',
    title: 'Minimum password age and expiry warning',
    severity: 'LOW',
    category: 'password',
    standards: [cis('5.4.1.2'), cis('5.4.1.3'), mlps('8.1.4.1a')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Set PASS_MIN_DAYS ≥ 1 and PASS_WARN_AGE ≥ 7 in /etc/login.defs; `chage --mindays 1 --warndays 7 USER`.',
    params: {
      minDays: { type: 'integer', default: 1, min: 0, max: 365, description: 'PASS_MIN_DAYS lower bound' },
      warnDays: { type: 'integer', default: 7, min: 0, max: 365, description: 'PASS_WARN_AGE lower bound' },
    },
    evaluate(facts, params) {
      const faults: Evidence[] = [];
      const min = loginDef(facts, 'PASS_MIN_DAYS');
      const warn = loginDef(facts, 'PASS_WARN_AGE');
      if ((numberOf(min?.value) ?? 0) < params.minDays) faults.push({ subject: 'PASS_MIN_DAYS', detail: `is ${min?.value ?? 'unset'}, expected ≥ ${params.minDays}`, source: min?.source ?? '/etc/login.defs' });
      if ((numberOf(warn?.value) ?? 0) < params.warnDays) faults.push({ subject: 'PASS_WARN_AGE', detail: `is ${warn?.value ?? 'unset'}, expected ≥ ${params.warnDays}`, source: warn?.source ?? '/etc/login.defs' });
      for (const u of passwordAccounts(facts)) {
        if ((u.shadow?.minDays ?? 0) < params.minDays) faults.push({ subject: u.name, detail: `minimum password age ${u.shadow?.minDays ?? 'unset'}`, source: '/etc/shadow' });
        if ((u.shadow?.warnDays ?? 0) < params.warnDays) faults.push({ subject: u.name, detail: `warning days ${u.shadow?.warnDays ?? 'unset'}`, source: '/etc/shadow' });
      }
      return verdict(faults, 'password ageing is too lax', 'password minimum age and warning configured');
    },
    fix(facts, params) {
      const users = passwordAccounts(facts);
      return {
        steps: [
          { kind: 'set-key-in-file', path: '/etc/login.defs', key: 'PASS_MIN_DAYS', value: String(params.minDays), separator: '\t' },
          { kind: 'set-key-in-file', path: '/etc/login.defs', key: 'PASS_WARN_AGE', value: String(params.warnDays), separator: '\t' },
          ...users.filter((u) => (u.shadow?.minDays ?? 0) < params.minDays).map((u) => ({ kind: 'set-account-field' as const, account: u.name, field: 'minDays' as const, value: String(params.minDays) })),
          ...users.filter((u) => (u.shadow?.warnDays ?? 0) < params.warnDays).map((u) => ({ kind: 'set-account-field' as const, account: u.name, field: 'warnDays' as const, value: String(params.warnDays) })),
        ],
        expect: [
          { path: 'loginDefs.PASS_MIN_DAYS.value', op: 'gte', value: params.minDays, description: `PASS_MIN_DAYS ≥ ${params.minDays}` },
          { path: 'loginDefs.PASS_WARN_AGE.value', op: 'gte', value: params.warnDays, description: `PASS_WARN_AGE ≥ ${params.warnDays}` },
        ],
      };
    },
  }),
  defineItem({
    id: 'PWD-10',
    title: 'pam_unix does not allow empty passwords (nullok)',
    severity: 'HIGH',
    category: 'pam',
    standards: [cis('5.3.3.4.1'), mlps('8.1.4.1a')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Remove `nullok` from the pam_unix lines of /etc/pam.d/common-auth and common-password.',
    params: {},
    evaluate(facts) {
      const pam = need(facts.pam, 'pam');
      const faults: Evidence[] = [];
      for (const lines of Object.values(pam.services)) for (const line of lines) if (line.module === 'pam_unix.so' && line.args.includes('nullok')) faults.push({ subject: 'pam_unix.so nullok', detail: `${line.type} line allows empty passwords`, source: where(line) });
      return verdict(faults, 'PAM accepts empty passwords', 'no nullok on pam_unix');
    },
    fix(facts) {
      const files = new Set<string>();
      for (const lines of Object.values(need(facts.pam, 'pam').services)) for (const line of lines) if (line.module === 'pam_unix.so' && line.args.includes('nullok')) files.add(line.file);
      if (files.size === 0) return null;
      return {
        steps: [...files].map((file) => ({ kind: 'remove-word' as const, path: file, linePattern: 'pam_unix\\.so', word: 'nullok' })),
        expect: [...files].map((file) => ({ path: `pam.services.${file.replace('/etc/pam.d/', '')}[module=pam_unix.so].args`, op: 'excludes' as const, value: 'nullok', description: `no nullok in ${file}` })),
      };
    },
  }),
  defineItem({
    id: 'PWD-11',
    title: 'Password change, repetition and sequence rules',
    severity: 'LOW',
    category: 'pam',
    standards: [cis('5.3.3.2.1'), cis('5.3.3.2.4'), cis('5.3.3.2.5'), mlps('8.1.4.1a')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'In /etc/security/pwquality.conf set difok ≥ 2, maxrepeat 1..3 and maxsequence 1..3.',
    params: {
      minDifok: { type: 'integer', default: 2, min: 1, max: 32, description: 'characters that must differ from the old password' },
      maxRepeat: { type: 'integer', default: 3, min: 1, max: 32, description: 'largest run of one character' },
      maxSequence: { type: 'integer', default: 3, min: 1, max: 32, description: 'longest monotonic sequence' },
    },
    evaluate(facts, params) {
      if (!pwqualityEnabled(facts)) return fail('pam_pwquality is not enabled', [notEnabled()]);
      const faults: Evidence[] = [];
      const difok = pwqualityOption(facts, 'difok');
      if ((numberOf(difok?.value) ?? 1) < params.minDifok) faults.push({ subject: 'difok', detail: `is ${difok?.value ?? '1 (default)'}, expected ≥ ${params.minDifok}`, source: difok?.source ?? PWQUALITY_CONF });
      for (const [name, max] of [['maxrepeat', params.maxRepeat], ['maxsequence', params.maxSequence]] as const) {
        const option = pwqualityOption(facts, name);
        const value = numberOf(option?.value) ?? 0;
        if (value === 0 || value > max) faults.push({ subject: name, detail: `is ${option?.value ?? '0 (default, unlimited)'}, expected 1..${max}`, source: option?.source ?? PWQUALITY_CONF });
      }
      return verdict(faults, 'trivial password variations are accepted', 'difok, maxrepeat and maxsequence configured');
    },
    fix: (facts, params) => ({
      steps: [...pwqualitySteps(facts, 'difok', String(params.minDifok)), ...pwqualitySteps(facts, 'maxrepeat', String(params.maxRepeat)), ...pwqualitySteps(facts, 'maxsequence', String(params.maxSequence))],
      expect: [{ path: 'pwquality.settings.maxrepeat.value', op: 'lte', value: params.maxRepeat, description: `maxrepeat ≤ ${params.maxRepeat}` }],
    }),
  }),
  defineItem({
    id: 'LCK-01',
    title: 'Failed logins lock the account',
    severity: 'HIGH',
    category: 'pam',
    standards: [cis('5.3.2.2'), cis('5.3.3.1.1'), cis('5.3.3.1.2'), mlps('8.1.4.1b')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Enable pam_faillock (pam-auth-update profiles faillock and faillock_notify: preauth/authfail in common-auth, pam_faillock in common-account) and set `deny = 5`, `unlock_time = 900` in /etc/security/faillock.conf.',
    params: {
      maxDeny: { type: 'integer', default: 5, min: 1, max: 100, description: 'failures allowed before lockout' },
      minUnlockTime: { type: 'integer', default: 900, min: 0, max: 604800, description: 'seconds an account stays locked (0 = until an admin unlocks)' },
    },
    profiles: { MLPS_2_0_L3: { maxDeny: 5, minUnlockTime: 600 } },
    evaluate(facts, params) {
      const faults: Evidence[] = [];
      const auth = pamModuleLines(facts, 'common-auth', 'auth', 'pam_faillock.so');
      const account = pamModuleLines(facts, 'common-account', 'account', 'pam_faillock.so');
      if (!auth.some((l) => l.args.includes('preauth'))) faults.push({ subject: 'pam_faillock.so preauth', detail: 'missing from common-auth', source: '/etc/pam.d/common-auth' });
      if (!auth.some((l) => l.args.includes('authfail'))) faults.push({ subject: 'pam_faillock.so authfail', detail: 'missing from common-auth', source: '/etc/pam.d/common-auth' });
      if (account.length === 0) faults.push({ subject: 'pam_faillock.so', detail: 'missing from common-account', source: '/etc/pam.d/common-account' });
      const deny = faillockOption(facts, 'deny');
      const denyValue = numberOf(deny?.value) ?? 3;
      if (denyValue === 0 || denyValue > params.maxDeny) faults.push({ subject: 'deny', detail: `is ${deny?.value ?? '3 (default)'}${denyValue === 0 ? ' (lockout disabled)' : ''}, expected 1..${params.maxDeny}`, source: deny?.source ?? FAILLOCK_CONF });
      const unlock = faillockOption(facts, 'unlock_time');
      const unlockValue = unlock?.value === 'never' ? 0 : numberOf(unlock?.value) ?? 600;
      if (unlockValue !== 0 && unlockValue < params.minUnlockTime) faults.push({ subject: 'unlock_time', detail: `is ${unlock?.value ?? '600 (default)'}, expected 0 or ≥ ${params.minUnlockTime}`, source: unlock?.source ?? FAILLOCK_CONF });
      return verdict(faults, 'repeated failed logins do not lock the account', `lockout after ${denyValue} failures`);
    },
    fix(facts, params) {
      // Only the thresholds: inserting faillock into Debian's jump-based auth stack belongs to pam-auth-update.
      if (pamModuleLines(facts, 'common-auth', 'auth', 'pam_faillock.so').length === 0) return null;
      return {
        steps: [
          { kind: 'set-key-in-file', path: FAILLOCK_CONF, key: 'deny', value: String(params.maxDeny), separator: ' = ', createMode: 0o644 },
          { kind: 'set-key-in-file', path: FAILLOCK_CONF, key: 'unlock_time', value: String(params.minUnlockTime), separator: ' = ', createMode: 0o644 },
        ],
        expect: [{ path: 'faillock.settings.deny.value', op: 'equals', value: params.maxDeny, description: `deny = ${params.maxDeny}` }],
      };
    },
  }),
  defineItem({
    id: 'LCK-02',
    title: 'Idle shells time out',
    severity: 'LOW',
    category: 'account',
    standards: [cis('5.4.3.2'), mlps('8.1.4.1b')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Add /etc/profile.d/50-rampart-tmout.sh with `TMOUT=900; readonly TMOUT; export TMOUT`.',
    params: { maxSeconds: { type: 'integer', default: 900, min: 1, max: 86400, description: 'largest TMOUT in seconds' } },
    evaluate(facts, params) {
      const env = need(facts.shellEnvironment, 'shellEnvironment');
      const good = env.tmout.filter((t) => t.value > 0 && t.value <= params.maxSeconds && t.readonly && t.exported);
      const bad = env.tmout.filter((t) => t.value === 0 || t.value > params.maxSeconds);
      if (good.length > 0 && bad.length === 0) return { status: 'PASS', reason: `TMOUT=${good[0].value} readonly`, evidence: good.map((t) => ({ subject: 'TMOUT', detail: `${t.value}`, source: `${t.file}:${t.line}` })) };
      const faults: Evidence[] = bad.map((t) => ({ subject: 'TMOUT', detail: `is ${t.value}, expected 1..${params.maxSeconds}`, source: `${t.file}:${t.line}` }));
      if (good.length === 0) faults.push({ subject: 'TMOUT', detail: env.tmout.length === 0 ? 'not set in /etc/profile, /etc/profile.d or bash.bashrc' : 'set but not readonly and exported', source: '/etc/profile.d' });
      return fail('idle shells stay open', faults);
    },
    fix: (_facts, params) => ({
      steps: [{ kind: 'write-file', path: '/etc/profile.d/50-rampart-tmout.sh', content: `# Rampart baseline: idle shells time out\nTMOUT=${params.maxSeconds}\nreadonly TMOUT\nexport TMOUT\n`, mode: 0o644 }],
      expect: [{ path: 'shellEnvironment.tmout[file=/etc/profile.d/50-rampart-tmout.sh].value', op: 'equals', value: params.maxSeconds, description: `TMOUT=${params.maxSeconds}` }],
    }),
  }),
  defineItem({
    id: 'LCK-03',
    title: 'Failed-login lockout includes root',
    severity: 'LOW',
    category: 'pam',
    standards: [cis('5.3.3.1.3'), mlps('8.1.4.1b')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Add `even_deny_root` and `root_unlock_time = 60` (or more) to /etc/security/faillock.conf.',
    params: { minRootUnlockTime: { type: 'integer', default: 60, min: 0, max: 604800, description: 'seconds root stays locked' } },
    evaluate(facts, params) {
      if (pamModuleLines(facts, 'common-auth', 'auth', 'pam_faillock.so').length === 0) return fail('pam_faillock is not enabled', [{ subject: 'pam_faillock.so', detail: 'missing from common-auth', source: '/etc/pam.d/common-auth' }]);
      const even = faillockOption(facts, 'even_deny_root');
      const rootUnlock = faillockOption(facts, 'root_unlock_time');
      const faults: Evidence[] = [];
      if (even === undefined && rootUnlock === undefined) faults.push({ subject: 'even_deny_root', detail: 'root is never locked out', source: FAILLOCK_CONF });
      if (rootUnlock !== undefined && (numberOf(rootUnlock.value) ?? 0) < params.minRootUnlockTime) faults.push({ subject: 'root_unlock_time', detail: `is ${rootUnlock.value}, expected ≥ ${params.minRootUnlockTime}`, source: rootUnlock.source });
      return verdict(faults, 'root can be guessed at without lockout', 'root is covered by the lockout');
    },
  }),
];

