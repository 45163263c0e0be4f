import type { HostFacts } from '@rampart/host-facts';
import { defineItem, type BaselineCheckItem, type Evidence } from '../baseline-check-item';
import { manual, need, pass, verdict } from '../host-facts.view';

const NOLOGIN_SHELLS = ['/usr/sbin/nologin', '/sbin/nologin', '/bin/false', '/usr/bin/false'];
const today = (facts: HostFacts): number => Math.floor(Date.parse(facts.collectedAt) / 86_400_000);
const mlps = (controlId: string) => ({ standard: 'MLPS_2_0_L3' as const, controlId });
const cis = (controlId: string) => ({ standard: 'CIS_DEBIAN_12' as const, controlId });

/** Accounts and groups: empty passwords, shadowing, UID/GID 0, duplicates, system shells, dormant accounts. */
export const accountItems: readonly BaselineCheckItem[] = [
  defineItem({
    id: 'ACC-01',
    title: 'No account has an empty password field',
    severity: 'HIGH',
    category: 'account',
    standards: [cis('7.2.2'), mlps('8.1.4.1a')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Lock every account with an empty password field (`passwd -l USER`) or set a password.',
    params: {},
    evaluate(facts) {
      const accounts = need(facts.accounts, 'accounts');
      if (!accounts.shadowReadable) return manual('/etc/shadow was not readable by the agent (run it as root)');
      const faults = accounts.users.filter((u) => u.shadow?.passwordStatus === 'empty').map((u): Evidence => ({ subject: u.name, detail: 'empty password field in /etc/shadow', source: '/etc/shadow' }));
      return verdict(faults, 'accounts can log in without a password', 'no empty password fields');
    },
    fix(facts) {
      const users = need(facts.accounts, 'accounts').users.filter((u) => u.shadow?.passwordStatus === 'empty');
      if (users.length === 0) return null;
      return {
        steps: users.map((u) => ({ kind: 'lock-account' as const, account: u.name })),
        expect: users.map((u) => ({ path: `accounts.users[name=${u.name}].shadow.passwordStatus`, op: 'not-equals' as const, value: 'empty', description: `${u.name} has no empty password` })),
      };
    },
  }),
  defineItem({
    id: 'ACC-02',
    title: 'All accounts use shadowed passwords',
    severity: 'MEDIUM',
    category: 'account',
    standards: [cis('7.2.1'), mlps('8.1.4.1a')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Run `pwconv` to move password hashes from /etc/passwd to /etc/shadow.',
    params: {},
    evaluate(facts) {
      const faults = need(facts.accounts, 'accounts').users.filter((u) => u.passwdField !== 'x').map((u) => ({ subject: u.name, detail: `passwd password field is ${u.passwdField === 'empty' ? 'empty' : 'not x'}`, source: '/etc/passwd' }));
      return verdict(faults, 'accounts keep their password outside /etc/shadow', 'all accounts are shadowed');
    },
  }),
  defineItem({
    id: 'ACC-03',
    title: 'Root is the only UID 0 account',
    severity: 'HIGH',
    category: 'account',
    standards: [cis('5.4.2.1'), mlps('8.1.4.2d')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Remove or renumber every account other than root with UID 0 (usermod -u / userdel).',
    params: {},
    evaluate(facts) {
      const faults = need(facts.accounts, 'accounts').users.filter((u) => u.uid === 0 && u.name !== 'root').map((u) => ({ subject: u.name, detail: 'UID 0', source: '/etc/passwd' }));
      return verdict(faults, 'accounts other than root have UID 0', 'only root has UID 0');
    },
  }),
  defineItem({
    id: 'ACC-04',
    title: 'User and group names and ids are unique',
    severity: 'MEDIUM',
    category: 'account',
    standards: [cis('7.2.5'), cis('7.2.6'), cis('7.2.7'), cis('7.2.8'), mlps('8.1.4.1a')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Give every account and group its own name and id (review /etc/passwd and /etc/group).',
    params: {},
    evaluate(facts) {
      const { users, groups } = need(facts.accounts, 'accounts');
      const faults: Evidence[] = [];
      const duplicates = <T>(items: readonly T[], key: (t: T) => string | number, label: string, file: string): void => {
        const seen = new Map<string | number, string[]>();
        for (const item of items) seen.set(key(item), [...(seen.get(key(item)) ?? []), String((item as { name: string }).name)]);
        for (const [k, names] of seen) if (names.length > 1) faults.push({ subject: names.join(', '), detail: `share ${label} ${k}`, source: file });
      };
      duplicates(users, (u) => u.uid, 'UID', '/etc/passwd');
      duplicates(users, (u) => u.name, 'user name', '/etc/passwd');
      duplicates(groups, (g) => g.gid, 'GID', '/etc/group');
      duplicates(groups, (g) => g.name, 'group name', '/etc/group');
      return verdict(faults, 'duplicate names or ids', 'names and ids are unique');
    },
  }),
  defineItem({
    id: 'ACC-05',
    title: 'System accounts have no login shell',
    severity: 'MEDIUM',
    category: 'account',
    standards: [cis('5.4.2.7'), mlps('8.1.4.2b')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Set the shell of system accounts (UID below UID_MIN, except root, sync, shutdown, halt) to /usr/sbin/nologin.',
    params: { exemptAccounts: { type: 'string-list', default: ['root', 'sync', 'shutdown', 'halt'], description: 'accounts allowed a shell' } },
    evaluate(facts, params) {
      const uidMin = Number(need(facts.loginDefs, 'loginDefs').UID_MIN?.value ?? 1000);
      const faults = need(facts.accounts, 'accounts')
        .users.filter((u) => u.uid < uidMin && !params.exemptAccounts.includes(u.name) && !NOLOGIN_SHELLS.includes(u.shell))
        .map((u) => ({ subject: u.name, detail: `UID ${u.uid} has shell ${u.shell}`, source: '/etc/passwd' }));
      return verdict(faults, 'system accounts have a login shell', 'system accounts have no login shell');
    },
    fix(facts, params) {
      const uidMin = Number(need(facts.loginDefs, 'loginDefs').UID_MIN?.value ?? 1000);
      const users = need(facts.accounts, 'accounts').users.filter((u) => u.uid < uidMin && !params.exemptAccounts.includes(u.name) && !NOLOGIN_SHELLS.includes(u.shell));
      if (users.length === 0) return null;
      return {
        steps: users.map((u) => ({ kind: 'set-account-field' as const, account: u.name, field: 'shell' as const, value: '/usr/sbin/nologin' })),
        expect: users.map((u) => ({ path: `accounts.users[name=${u.name}].shell`, op: 'equals' as const, value: '/usr/sbin/nologin', description: `${u.name} has shell /usr/sbin/nologin` })),
      };
    },
  }),
  defineItem({
    id: 'ACC-06',
    title: 'Inactive password lock is configured',
    severity: 'LOW',
    category: 'account',
    standards: [cis('5.4.1.5'), mlps('8.1.4.2c')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Set INACTIVE in /etc/default/useradd (`useradd -D -f 45`) and for each password account (`chage --inactive 45 USER`).',
    params: { maxInactiveDays: { type: 'integer', default: 45, min: 0, max: 3650, description: 'days after password expiry until the account locks' } },
    evaluate(facts, params) {
      const accounts = need(facts.accounts, 'accounts');
      const faults: Evidence[] = [];
      const defaultInactive = Number(accounts.useraddDefaults.INACTIVE ?? -1);
      if (!(defaultInactive >= 0 && defaultInactive <= params.maxInactiveDays)) faults.push({ subject: 'INACTIVE', detail: `useradd default is ${accounts.useraddDefaults.INACTIVE ?? 'unset (-1)'}, expected 0..${params.maxInactiveDays}`, source: '/etc/default/useradd' });
      for (const u of accounts.users) {
        const inactive = u.shadow?.inactiveDays;
        if (u.shadow?.passwordStatus === 'hashed' && (inactive === null || inactive === undefined || inactive > params.maxInactiveDays)) faults.push({ subject: u.name, detail: `inactive days ${inactive ?? 'unset'}`, source: '/etc/shadow' });
      }
      return verdict(faults, 'accounts stay usable long after their password expired', `inactive lock ≤ ${params.maxInactiveDays} days`);
    },
    fix(facts, params) {
      const accounts = need(facts.accounts, 'accounts');
      const users = accounts.users.filter((u) => u.shadow?.passwordStatus === 'hashed' && (u.shadow.inactiveDays === null || u.shadow.inactiveDays > params.maxInactiveDays));
      return {
        steps: [
          { kind: 'set-key-in-file', path: '/etc/default/useradd', key: 'INACTIVE', value: String(params.maxInactiveDays), separator: '=', createMode: 0o644 },
          ...users.map((u) => ({ kind: 'set-account-field' as const, account: u.name, field: 'inactiveDays' as const, value: String(params.maxInactiveDays) })),
        ],
        expect: [{ path: 'accounts.useraddDefaults.INACTIVE', op: 'equals', value: String(params.maxInactiveDays), description: `useradd INACTIVE=${params.maxInactiveDays}` }],
      };
    },
  }),
  defineItem({
    id: 'ACC-07',
    title: 'Administration, audit and security roles are separated',
    severity: 'LOW',
    category: 'account',
    standards: [mlps('8.1.4.2d')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Give administrators, auditors and security officers separate named accounts and groups; attest the separation.',
    params: { adminGroups: { type: 'string-list', default: ['sudo', 'wheel', 'adm', 'admin'], description: 'groups that grant administration' } },
    evaluate(facts, params) {
      const { groups } = need(facts.accounts, 'accounts');
      const evidence = groups.filter((g) => params.adminGroups.includes(g.name)).map((g) => ({ subject: g.name, detail: `members: ${g.members.join(', ') || '(none)'}`, source: '/etc/group' }));
      return manual('role separation needs an attestation; members of administrative groups are listed', evidence);
    },
  }),
  defineItem({
    id: 'ACC-08',
    title: 'Root is the only GID 0 account and group',
    severity: 'MEDIUM',
    category: 'account',
    standards: [cis('5.4.2.2'), cis('5.4.2.3'), mlps('8.1.4.2d')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Move accounts other than root (and sync, shutdown, halt, operator) out of GID 0; only group root may have GID 0.',
    params: {},
    evaluate(facts) {
      const { users, groups } = need(facts.accounts, 'accounts');
      const faults: Evidence[] = [
        ...users.filter((u) => u.gid === 0 && !['root', 'sync', 'shutdown', 'halt', 'operator'].includes(u.name)).map((u) => ({ subject: u.name, detail: 'primary GID 0', source: '/etc/passwd' })),
        ...groups.filter((g) => g.gid === 0 && g.name !== 'root').map((g) => ({ subject: g.name, detail: 'group with GID 0', source: '/etc/group' })),
      ];
      return verdict(faults, 'GID 0 is shared beyond root', 'only root uses GID 0');
    },
  }),
  defineItem({
    id: 'ACC-09',
    title: 'Accounts without a valid login shell are locked',
    severity: 'LOW',
    category: 'account',
    standards: [cis('5.4.2.8'), mlps('8.1.4.2c')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Lock the password of accounts whose shell is not listed in /etc/shells (`usermod -L USER`).',
    params: {},
    evaluate(facts) {
      const accounts = need(facts.accounts, 'accounts');
      const valid = new Set(accounts.shells.filter((s) => !/nologin|false/.test(s)));
      const faults = accounts.users.filter((u) => u.name !== 'root' && !valid.has(u.shell) && u.shadow?.passwordStatus === 'hashed').map((u) => ({ subject: u.name, detail: `shell ${u.shell} but an unlocked password`, source: '/etc/shadow' }));
      return verdict(faults, 'non-login accounts keep usable passwords', 'non-login accounts are locked');
    },
    fix(facts) {
      const accounts = need(facts.accounts, 'accounts');
      const valid = new Set(accounts.shells.filter((s) => !/nologin|false/.test(s)));
      const users = accounts.users.filter((u) => u.name !== 'root' && !valid.has(u.shell) && u.shadow?.passwordStatus === 'hashed');
      if (users.length === 0) return null;
      return {
        steps: users.map((u) => ({ kind: 'lock-account' as const, account: u.name })),
        expect: users.map((u) => ({ path: `accounts.users[name=${u.name}].shadow.passwordStatus`, op: 'equals' as const, value: 'locked', description: `${u.name} is locked` })),
      };
    },
  }),
  defineItem({
    id: 'ACC-10',
    title: 'Password change dates are in the past',
    severity: 'LOW',
    category: 'account',
    standards: [cis('5.4.1.6'), mlps('8.1.4.1a')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Correct future last-change dates (`chage -d YYYY-MM-DD USER`) or expire the password.',
    params: {},
    evaluate(facts) {
      const now = today(facts);
      const faults = need(facts.accounts, 'accounts').users.filter((u) => (u.shadow?.lastChangeDays ?? 0) > now).map((u) => ({ subject: u.name, detail: `last change day ${u.shadow?.lastChangeDays} is after today (${now})`, source: '/etc/shadow' }));
      return verdict(faults, 'password change dates lie in the future', 'all change dates are in the past');
    },
  }),
  defineItem({
    id: 'ACC-11',
    title: 'The shadow group is empty',
    severity: 'MEDIUM',
    category: 'account',
    standards: [cis('7.2.4'), mlps('8.1.4.2d')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Remove all members from group shadow and make no account use it as primary group.',
    params: {},
    evaluate(facts) {
      const { users, groups } = need(facts.accounts, 'accounts');
      const shadow = groups.find((g) => g.name === 'shadow');
      if (shadow === undefined) return pass('there is no shadow group');
      const faults: Evidence[] = [
        ...shadow.members.map((m) => ({ subject: m, detail: 'member of group shadow', source: '/etc/group' })),
        ...users.filter((u) => u.gid === shadow.gid).map((u) => ({ subject: u.name, detail: 'primary group shadow', source: '/etc/passwd' })),
      ];
      return verdict(faults, 'accounts can read password hashes through group shadow', 'group shadow is empty');
    },
  }),
];
