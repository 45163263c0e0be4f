import type { FactExpectation } from './remediation-script';

type Json = unknown;

const isRecord = (value: Json): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Unwraps `{status:'collected', value}`; other fact states resolve to undefined. */
function unwrap(value: Json): Json {
  if (isRecord(value) && typeof value.status === 'string' && ('value' in value || 'reason' in value || 'message' in value)) {
    return value.status === 'collected' ? value.value : undefined;
  }
  return value;
}

const segmentPattern = /^([^[\]]*)((?:\[[^\]]+\])*)$/;

/** Resolves a path such as `accounts.users[name=alice].shadow.maxDays`, `ssh.settings.permitrootlogin[0]` or
 * `sysctl.configured["net.ipv4.ip_forward"].value`. */
export function resolveFactPath(root: Json, path: string): Json {
  let current: Json = root;
  // split on dots outside [selectors] (selector values may contain dots: file names, module names)
  for (const segment of path.match(/(?:[^.[\]]|\[[^\]]*\])+/g) ?? []) {
    const match = segmentPattern.exec(segment);
    if (match === null) return undefined;
    const [, name, selectors] = match;
    current = unwrap(current);
    if (name !== '') {
      if (!isRecord(current)) return undefined;
      current = unwrap(current[name]);
    }
    for (const selector of selectors.match(/\[[^\]]+\]/g) ?? []) {
      const inner = selector.slice(1, -1);
      if (/^".*"$/.test(inner)) {
        // ["key.with.dots"]: a record key
        current = isRecord(current) ? unwrap(current[inner.slice(1, -1)]) : undefined;
        continue;
      }
      if (!Array.isArray(current)) return undefined;
      const eq = inner.indexOf('=');
      if (eq < 0) {
        current = unwrap(current[Number(inner)]);
      } else {
        const key = inner.slice(0, eq);
        const wanted = inner.slice(eq + 1);
        current = unwrap(current.find((item: Json) => isRecord(item) && String(item[key]) === wanted));
      }
    }
  }
  return current;
}

/** Whether the expectation holds for the facts, with the value actually seen. */
export function evaluateFactExpectation(facts: Json, expectation: FactExpectation): { holds: boolean; actual: Json } {
  const actual = resolveFactPath(facts, expectation.path);
  const expected = expectation.value;
  const asNumber = (v: Json): number => (typeof v === 'number' ? v : Number(v));
  switch (expectation.op) {
    case 'equals':
      return { holds: actual !== undefined && String(actual) === String(expected), actual };
    case 'not-equals':
      return { holds: String(actual) !== String(expected), actual };
    case 'in':
      return { holds: Array.isArray(expected) && expected.some((e) => String(e) === String(actual)), actual };
    case 'lte':
      return { holds: actual !== undefined && actual !== null && asNumber(actual) <= asNumber(expected), actual };
    case 'gte':
      return { holds: actual !== undefined && actual !== null && asNumber(actual) >= asNumber(expected), actual };
    case 'absent':
      return { holds: actual === undefined || actual === null, actual };
    case 'present':
      return { holds: actual !== undefined && actual !== null, actual };
    case 'includes':
      return { holds: Array.isArray(actual) && actual.some((a: Json) => String(a) === String(expected)), actual };
    case 'excludes':
      return { holds: !Array.isArray(actual) || !actual.some((a: Json) => String(a) === String(expected)), actual };
  }
}
