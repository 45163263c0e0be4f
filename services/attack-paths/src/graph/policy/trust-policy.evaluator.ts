import type { PolicyDocument, PolicyStatement } from '@rampart/asset-model';
import type { Evidence } from '../security-graph.model';
import { describeStatement, statementCoversAction } from './policy.evaluator';
import { globMatches } from './glob.matcher';

/** Who asks to assume a role: a RAM user or role of some account, or a cloud service. */
export type Caller =
  | { type: 'user' | 'role'; accountId: string; name: string }
  | { type: 'service'; service: string };

interface PrincipalClause {
  /** `*` = anyone; otherwise the account the principal value names. */
  accountId: string;
  /** null = the whole account (`acs:ram::123:root` or `123`); else `user/alice`, `role/x` (may hold wildcards). */
  resource: string | null;
  evidence: Evidence;
}

/** A trust policy compiled once per role so that admission is a few map lookups. */
export interface CompiledTrust {
  allow: PrincipalClause[];
  deny: PrincipalClause[];
  allowServices: Map<string, Evidence>;
  denyServices: Set<string>;
  /** Accounts named by Allow clauses (`*` for anyone). */
  accounts: Set<string>;
}

const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function principalValues(statement: PolicyStatement): Array<{ service: boolean; value: string }> {
  const principal = statement.Principal;
  if (principal === undefined) return [];
  if (typeof principal === 'string') return [{ service: false, value: principal }];
  const out: Array<{ service: boolean; value: string }> = [];
  for (const [key, raw] of Object.entries(principal)) {
    if (key === 'Federated') continue; // SAML/OIDC providers are not modelled yet
    for (const value of asList(raw)) out.push({ service: key === 'Service', value });
  }
  return out;
}

function clauseOf(value: string, evidence: Evidence): PrincipalClause | null {
  if (value === '*') return { accountId: '*', resource: null, evidence };
  if (/^\d+$/.test(value)) return { accountId: value, resource: null, evidence };
  const match = /^acs:ram::([^:]+):(.+)$/.exec(value);
  if (!match) return null;
  return { accountId: match[1], resource: match[2] === 'root' ? null : match[2], evidence };
}

export function compileTrust(roleAssetId: string, trust: PolicyDocument): CompiledTrust {
  const compiled: CompiledTrust = { allow: [], deny: [], allowServices: new Map(), denyServices: new Set(), accounts: new Set() };
  (trust.Statement ?? []).forEach((statement, index) => {
    if (!statementCoversAction(statement, 'sts:AssumeRole')) return;
    const deny = statement.Effect === 'Deny';
    if (deny && statement.Condition) return; // a conditional Deny may not apply: never let it hide a path
    const evidence: Evidence = {
      assetId: roleAssetId,
      field: `trustPolicy.Statement[${index}]`,
      value: `${describeStatement(statement)} for ${JSON.stringify(statement.Principal ?? null)}`,
    };
    for (const { service, value } of principalValues(statement)) {
      if (service) {
        if (deny) compiled.denyServices.add(value.toLowerCase());
        else compiled.allowServices.set(value.toLowerCase(), evidence);
        continue;
      }
      const clause = clauseOf(value, evidence);
      if (!clause) continue;
      (deny ? compiled.deny : compiled.allow).push(clause);
      if (!deny) compiled.accounts.add(clause.accountId);
    }
  });
  return compiled;
}

function clauseAdmits(clause: PrincipalClause, caller: Caller): boolean {
  if (caller.type === 'service') return false;
  if (clause.accountId === '*') return true;
  if (clause.accountId !== caller.accountId) return false;
  return clause.resource === null || globMatches(clause.resource, `${caller.type}/${caller.name}`);
}

/** Does the trust policy let the caller assume the role? Deny clauses win. */
export function trustAdmits(trust: CompiledTrust, caller: Caller): Evidence[] | null {
  if (caller.type === 'service') {
    const service = caller.service.toLowerCase();
    if (trust.denyServices.has(service)) return null;
    const evidence = trust.allowServices.get(service);
    return evidence ? [evidence] : null;
  }
  if (trust.deny.some((clause) => clauseAdmits(clause, caller))) return null;
  const admitted = trust.allow.filter((clause) => clauseAdmits(clause, caller)).map((clause) => clause.evidence);
  return admitted.length > 0 ? admitted : null;
}

/** A foreign account (or anyone) trusted as a whole or through one of its principals. */
export function foreignTrustClauses(trust: CompiledTrust, ownedAccounts: ReadonlySet<string>): Array<{ accountId: string; evidence: Evidence }> {
  const seen = new Map<string, Evidence>();
  for (const clause of trust.allow) {
    if (ownedAccounts.has(clause.accountId) || seen.has(clause.accountId)) continue;
    const deniedWhole = trust.deny.some((d) => (d.accountId === clause.accountId || d.accountId === '*') && d.resource === null);
    if (!deniedWhole) seen.set(clause.accountId, clause.evidence);
  }
  return [...seen].map(([accountId, evidence]) => ({ accountId, evidence }));
}
