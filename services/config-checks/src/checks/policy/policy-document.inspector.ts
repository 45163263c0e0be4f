import type { PolicyDocument, PolicyStatement } from '@rampart/asset-model';

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

const patternCache = new Map<string, RegExp>();
/** RAM/OSS wildcard match ("*" any run, "?" one character), case-insensitive like RAM action names. */
function wildcardMatch(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  let re = patternCache.get(pattern);
  if (re === undefined) {
    re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'i');
    patternCache.set(pattern, re);
  }
  return re.test(value);
}

function coversAction(statement: PolicyStatement, action: string): boolean {
  if (statement.Action !== undefined) return list(statement.Action).some((p) => wildcardMatch(p, action));
  if (statement.NotAction !== undefined) return !list(statement.NotAction).some((p) => wildcardMatch(p, action));
  return false;
}

function coversAllResources(statement: PolicyStatement): boolean {
  if (statement.Resource !== undefined) return list(statement.Resource).some((r) => r === '*');
  // NotResource grants everything except what it lists; treat as all unless it excludes "*".
  return statement.NotResource !== undefined && !list(statement.NotResource).includes('*');
}

/** Reading RAM policy, trust policy and OSS bucket policy documents. */
export const policyDocument = {
  list,
  wildcardMatch,
  statements(doc: PolicyDocument | null | undefined): PolicyStatement[] {
    if (doc === null || doc === undefined || !Array.isArray(doc.Statement)) return [];
    return doc.Statement;
  },
  /** The first Allow statement granting `action` on every resource ("*"), or null. */
  allowsOnAllResources(doc: PolicyDocument | null | undefined, action: string): PolicyStatement | null {
    for (const s of policyDocument.statements(doc)) {
      if (s.Effect === 'Allow' && coversAction(s, action) && coversAllResources(s)) return s;
    }
    return null;
  },
  /** Allow of "*" / "*:*" on "*" (CIS 1.15). */
  fullAdminStatement(doc: PolicyDocument | null | undefined): PolicyStatement | null {
    for (const s of policyDocument.statements(doc)) {
      if (s.Effect !== 'Allow' || !coversAllResources(s)) continue;
      if (list(s.Action).some((a) => a === '*' || a === '*:*')) return s;
      if (s.NotAction !== undefined && list(s.NotAction).length === 0) return s;
    }
    return null;
  },
  /** Principal "*", {"RAM":"*"} or any principal list containing "*" (anonymous / every account). */
  isAnyPrincipal(principal: PolicyStatement['Principal']): boolean {
    if (principal === undefined) return false;
    if (typeof principal === 'string') return principal === '*';
    return Object.values(principal).some((v) => list(v).some((p) => p === '*' || /^acs:ram::\*:/.test(p)));
  },
  hasCondition(statement: PolicyStatement): boolean {
    return statement.Condition !== undefined && Object.keys(statement.Condition).length > 0;
  },
  statementAllows(statement: PolicyStatement, action: string): boolean {
    return statement.Effect === 'Allow' && coversAction(statement, action);
  },
  /**
   * Whether a Condition actually narrows who can use the statement. Transport or time conditions
   * (acs:SecureTransport, acs:CurrentTime) do not: anyone on the internet still qualifies.
   */
  hasRestrictingCondition(statement: PolicyStatement): boolean {
    const condition = statement.Condition;
    if (condition === undefined) return false;
    const nonRestricting = new Set(['acs:securetransport', 'acs:currenttime']);
    return Object.values(condition).some((block) => Object.keys(block).some((key) => !nonRestricting.has(key.toLowerCase())));
  },
};
