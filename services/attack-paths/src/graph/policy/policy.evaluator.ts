import type { PolicyStatement } from '@rampart/asset-model';
import type { Evidence } from '../security-graph.model';
import { arnMatches, arnMatchesPrefix, globMatches } from './glob.matcher';

/** One statement of a policy a principal holds, with where it came from (for evidence). */
export interface HeldStatement {
  statement: PolicyStatement;
  /** The statement itself, e.g. `{ assetId: <policy>, field: 'document.Statement[0]', value: 'Allow oss:GetObject on …' }`. */
  evidence: Evidence;
  /** How the principal holds it: the attachment, and the group membership when inherited. */
  via: Evidence[];
}

/** The statements a principal holds, plus the sources that could not be read (the grant is then unknown). */
export interface HeldPermissions {
  statements: HeldStatement[];
  unknown: Evidence[];
}

/** A concrete ARN, or every ARN that starts with `prefix` (OSS objects, whose keys are not inventoried). */
export type ResourceProbe = { arn: string } | { prefix: string };

export interface Decision {
  allowed: boolean;
  /** The Allow statements that grant it (empty when not allowed). */
  grants: HeldStatement[];
  /** The Deny statement that overrides the grants, if any. */
  deniedBy: HeldStatement | null;
}

const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Action names are case-insensitive in RAM (`oss:getobject` = `oss:GetObject`). */
export function statementCoversAction(statement: PolicyStatement, action: string): boolean {
  if (statement.NotAction !== undefined) {
    return !asList(statement.NotAction).some((pattern) => globMatches(pattern, action, true));
  }
  return asList(statement.Action).some((pattern) => globMatches(pattern, action, true));
}

/** Does the statement's Resource (or NotResource) reach the probe; `mode` matters only for open-ended probes. */
export function statementCoversResource(statement: PolicyStatement, probe: ResourceProbe, mode: 'some' | 'all'): boolean {
  const matches = (pattern: string, m: 'some' | 'all'): boolean =>
    'arn' in probe ? arnMatches(pattern, probe.arn) : arnMatchesPrefix(pattern, probe.prefix, m);
  if (statement.NotResource !== undefined) {
    // some ARN outside every NotResource pattern ⇔ no pattern covers them all (and dually for `all`)
    const excluded = asList(statement.NotResource);
    return mode === 'some' ? !excluded.some((p) => matches(p, 'all')) : !excluded.some((p) => matches(p, 'some'));
  }
  const resources = statement.Resource === undefined ? ['*'] : asList(statement.Resource);
  return resources.some((pattern) => matches(pattern, mode));
}

/**
 * RAM evaluation for one action on one resource: allowed when some Allow statement covers it and no Deny
 * statement does (Deny wins). A conditional Allow counts as a grant and a conditional Deny does not block:
 * conditions (source IP, MFA, time) are not facts of the inventory, and the attacker may meet them.
 */
export function evaluate(held: readonly HeldStatement[], action: string, probe: ResourceProbe): Decision {
  let deniedBy: HeldStatement | null = null;
  const grants: HeldStatement[] = [];
  for (const item of held) {
    const { statement } = item;
    if (!statementCoversAction(statement, action)) continue;
    if (statement.Effect === 'Deny') {
      if (statement.Condition && Object.keys(statement.Condition).length > 0) continue;
      // an open-ended probe is denied only when every object is
      if (statementCoversResource(statement, probe, 'all')) deniedBy ??= item;
    } else if (statementCoversResource(statement, probe, 'some')) {
      grants.push(item);
    }
  }
  return { allowed: grants.length > 0 && deniedBy === null, grants: deniedBy ? [] : grants, deniedBy };
}

/** `Action: "*"` on `Resource: "*"` without an unconditional `*`/`*` Deny: the principal administers the account. */
export function adminGrants(held: readonly HeldStatement[]): HeldStatement[] {
  const isStar = (value: string | string[] | undefined, absentMeansStar: boolean): boolean =>
    value === undefined ? absentMeansStar : asList(value).some((p) => p === '*' || p === '*:*');
  const denied = held.some(
    ({ statement: s }) => s.Effect === 'Deny' && !s.Condition && isStar(s.Action, false) && isStar(s.Resource, true),
  );
  if (denied) return [];
  return held.filter(
    ({ statement: s }) => s.Effect === 'Allow' && s.NotAction === undefined && s.NotResource === undefined
      && isStar(s.Action, false) && isStar(s.Resource, true),
  );
}

/** Statements that may concern one of the actions: a cheap pre-filter before per-resource evaluation. */
export function statementsForActions(held: readonly HeldStatement[], actions: readonly string[]): HeldStatement[] {
  return held.filter((item) => actions.some((action) => statementCoversAction(item.statement, action)));
}

export function describeStatement(statement: PolicyStatement): string {
  const parts: string[] = [statement.Effect];
  if (statement.Action !== undefined) parts.push(asList(statement.Action).join(','));
  if (statement.NotAction !== undefined) parts.push(`NotAction ${asList(statement.NotAction).join(',')}`);
  if (statement.Resource !== undefined) parts.push(`on ${asList(statement.Resource).join(',')}`);
  if (statement.NotResource !== undefined) parts.push(`NotResource ${asList(statement.NotResource).join(',')}`);
  if (statement.Condition) parts.push(`if ${JSON.stringify(statement.Condition)}`);
  return parts.join(' ');
}
