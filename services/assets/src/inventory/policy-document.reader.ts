import type { PolicyDocument, PolicyStatement } from '@rampart/asset-model';
import { isObject, typeName } from './response-reader';

/**
 * A RAM or OSS policy document from the JSON text the API returns (older RAM answers URL-encode it). Statement
 * lists are normalised: a single statement object becomes a list of one, `Effect` is `Allow`/`Deny`, numbers in
 * conditions become text, and OSS's principal list (`["*"]`, `["<uid>"]`) becomes `"*"` or `{ RAM: [...] }`.
 * `fail` is called with the reason when the text is not a policy document.
 */
export function readPolicyDocument(raw: unknown, fail: (reason: string) => void): PolicyDocument | null {
  let value = raw;
  if (typeof value === 'string') {
    let text = value.trim();
    if (text === '') return null;
    if (/^%7B/i.test(text)) {
      try {
        text = decodeURIComponent(text);
      } catch {
        fail('policy document is neither JSON nor URL-encoded JSON');
        return null;
      }
    }
    try {
      value = JSON.parse(text);
    } catch (error) {
      fail(`policy document is not JSON (${error instanceof Error ? error.message : String(error)})`);
      return null;
    }
  }
  if (!isObject(value)) {
    fail(`policy document must be an object, got ${typeName(value)}`);
    return null;
  }
  const rawStatements = value.Statement;
  const list: unknown[] = Array.isArray(rawStatements) ? rawStatements : rawStatements === undefined ? [] : [rawStatements];
  const statements: PolicyStatement[] = [];
  for (let i = 0; i < list.length; i++) {
    const statement = readStatement(list[i], (reason) => fail(`Statement[${i}]: ${reason}`));
    if (statement === null) return null;
    statements.push(statement);
  }
  const document: PolicyDocument = { Statement: statements };
  if (typeof value.Version === 'string' || typeof value.Version === 'number') document.Version = String(value.Version);
  return document;
}

function readStatement(raw: unknown, fail: (reason: string) => void): PolicyStatement | null {
  if (!isObject(raw)) {
    fail(`expected an object, got ${typeName(raw)}`);
    return null;
  }
  const effect = typeof raw.Effect === 'string' ? raw.Effect.toLowerCase() : null;
  if (effect !== 'allow' && effect !== 'deny') {
    fail(`Effect must be Allow or Deny, got ${typeName(raw.Effect)}`);
    return null;
  }
  const statement: PolicyStatement = { Effect: effect === 'allow' ? 'Allow' : 'Deny' };
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
    if (raw[key] === undefined) continue;
    const v = stringOrList(raw[key]);
    if (v === null) {
      fail(`${key} must be text or a list of text`);
      return null;
    }
    statement[key] = v;
  }
  if (raw.Principal !== undefined) {
    const principal = readPrincipal(raw.Principal);
    if (principal === null) {
      fail('Principal must be "*", a list, or an object of lists');
      return null;
    }
    statement.Principal = principal;
  }
  if (raw.Condition !== undefined) {
    const condition = readCondition(raw.Condition);
    if (condition === null) {
      fail('Condition must map operators to { key: value }');
      return null;
    }
    statement.Condition = condition;
  }
  return statement;
}

function stringOrList(value: unknown): string | string[] | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string')) return value;
  return null;
}

function readPrincipal(value: unknown): PolicyStatement['Principal'] | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    if (!value.every((v): v is string => typeof v === 'string')) return null;
    return value.includes('*') ? '*' : { RAM: value };
  }
  if (!isObject(value)) return null;
  const out: Record<string, string | string[]> = {};
  for (const [key, v] of Object.entries(value)) {
    const s = stringOrList(v);
    if (s === null) return null;
    out[key] = s;
  }
  return out;
}

function readCondition(value: unknown): PolicyStatement['Condition'] | null {
  if (!isObject(value)) return null;
  const out: NonNullable<PolicyStatement['Condition']> = {};
  for (const [operator, block] of Object.entries(value)) {
    if (!isObject(block)) return null;
    const entries: Record<string, string | string[] | boolean> = {};
    for (const [key, v] of Object.entries(block)) {
      if (typeof v === 'string' || typeof v === 'boolean') entries[key] = v;
      else if (typeof v === 'number') entries[key] = String(v);
      else if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) entries[key] = v.map(String);
      else return null;
    }
    out[operator] = entries;
  }
  return out;
}
