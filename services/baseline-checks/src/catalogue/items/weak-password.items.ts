import type { HostFacts, ServiceCredentialVerdict } from '@rampart/host-facts';
import { defineItem, type BaselineCheckItem, type CheckOutcome, type Evidence } from '../baseline-check-item';
import { manual, need, notApplicable, pass, verdict } from '../host-facts.view';

const weak = (controlId: string) => ({ standard: 'WEAK_PASSWORD' as const, controlId });
const mlps = (controlId: string) => ({ standard: 'MLPS_2_0_L3' as const, controlId });

function serviceOutcome(facts: HostFacts, service: ServiceCredentialVerdict['service'], installed: boolean, label: string): CheckOutcome {
  const verdicts = need(facts.weakPasswords, 'weakPasswords').services.filter((v) => v.service === service);
  if (!installed && verdicts.length === 0) return notApplicable(`${label} is not installed`);
  const faults: Evidence[] = verdicts.filter((v) => v.weak).map((v) => ({ subject: `${label} ${v.account}`, detail: `${v.reason ?? 'weak'}${v.detail === undefined ? '' : `: ${v.detail}`}`, source: v.source }));
  return verdict(faults, `${label} accepts weak or no credentials`, verdicts.length === 0 ? `no ${label} credential found in local configuration` : `${verdicts.length} ${label} credential(s) tested, none weak`, verdicts.map((v) => ({ subject: `${label} ${v.account}`, detail: 'not weak', source: v.source })));
}

export const weakPasswordItems: readonly BaselineCheckItem[] = [
  defineItem({
    id: 'PWD-01',
    title: 'No system account has a weak password',
    severity: 'HIGH',
    category: 'weak-password',
    standards: [weak('linux-account'), mlps('8.1.4.1a')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Make the listed users choose a new strong password (`passwd -e USER` forces a change at next login) or lock the account.',
    params: {},
    evaluate(facts) {
      const result = need(facts.weakPasswords, 'weakPasswords');
      const accounts = need(facts.accounts, 'accounts');
      const faults: Evidence[] = [
        ...accounts.users.filter((u) => u.shadow?.passwordStatus === 'empty').map((u) => ({ subject: u.name, detail: 'empty password', source: '/etc/shadow' })),
        ...result.accounts.filter((v) => v.weak).map((v) => ({ subject: v.account, detail: `${v.algorithm} hash matches a ${v.reason === 'dictionary' ? 'dictionary word' : v.reason === 'username' ? 'username-derived guess' : 'empty password'}`, source: '/etc/shadow' })),
      ];
      if (faults.length > 0) return { status: 'FAIL', reason: 'accounts use guessable passwords', evidence: faults };
      const incomplete = result.accounts.filter((v) => !v.complete);
      if (incomplete.length > 0) return manual('some hashes could not be fully tested', incomplete.map((v) => ({ subject: v.account, detail: v.note ?? `${v.candidatesTried} candidates tried` })));
      return pass(`${result.accounts.length} password hash(es) tested against ${result.dictionarySize} words`, result.accounts.map((v) => ({ subject: v.account, detail: `${v.algorithm}: not in dictionary` })));
    },
    fix(facts) {
      const weakAccounts = need(facts.weakPasswords, 'weakPasswords').accounts.filter((v) => v.weak).map((v) => v.account);
      if (weakAccounts.length === 0) return null;
      return {
        steps: weakAccounts.map((account) => ({ kind: 'set-account-field' as const, account, field: 'lastChangeDays' as const, value: '0' })),
        expect: weakAccounts.map((account) => ({ path: `accounts.users[name=${account}].shadow.lastChangeDays`, op: 'equals' as const, value: 0, description: `${account} must change the password at next login` })),
      };
    },
  }),
  defineItem({
    id: 'WPD-01',
    title: 'MySQL/MariaDB has no weak or missing credentials',
    severity: 'HIGH',
    category: 'weak-password',
    standards: [weak('mysql'), mlps('8.1.4.1a'), mlps('8.1.4.2b')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Remove skip-grant-tables, give every account a strong password (ALTER USER … IDENTIFIED BY …) and keep client passwords out of world-readable option files.',
    params: {},
    evaluate: (facts) => serviceOutcome(facts, 'mysql', need(facts.mysql, 'mysql').installed, 'MySQL/MariaDB'),
  }),
  defineItem({
    id: 'WPD-02',
    title: 'PostgreSQL has no trust or weak password authentication',
    severity: 'HIGH',
    category: 'weak-password',
    standards: [weak('postgresql'), mlps('8.1.4.1a')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Replace `trust`/`password` for network entries in pg_hba.conf with scram-sha-256 and set strong role passwords.',
    params: {},
    evaluate: (facts) => serviceOutcome(facts, 'postgresql', need(facts.postgres, 'postgres').installed, 'PostgreSQL'),
  }),
  defineItem({
    id: 'WPD-03',
    title: 'Redis requires a strong password',
    severity: 'HIGH',
    category: 'weak-password',
    standards: [weak('redis'), mlps('8.1.4.1a')],
    containerSpecific: false,
    notApplicableInContainer: false,
    remediation: 'Set a long random `requirepass` (or ACL users with strong passwords), keep `protected-mode yes` and bind to loopback or private addresses.',
    params: {},
    evaluate: (facts) => serviceOutcome(facts, 'redis', need(facts.redis, 'redis').installed, 'Redis'),
  }),
];
