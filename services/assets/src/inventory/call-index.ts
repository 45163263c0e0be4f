import type { SnapshotCall } from './snapshot.schema';

export interface IndexedCall {
  /** Position in `snapshot.calls`, for problem paths and the unknown-action report. */
  index: number;
  call: SnapshotCall;
}

/** `product:action`, lower-cased: recorded product codes vary in case ("Ecs", "ECS", "r-kvstore"). */
export function actionKey(product: string, action: string): string {
  return `${product.toLowerCase()}:${action.toLowerCase()}`;
}

/**
 * The values a request parameter was given, however the connector spelled it: `"i-1"`, `3`, `["i-1","i-2"]`, the
 * JSON text `'["i-1","i-2"]'`, or repeat-list keys `LoadBalancerId.1`, `LoadBalancerId.2`. Parameter names match
 * case-insensitively. Null when the parameter was not sent.
 */
export function paramValues(params: Record<string, unknown>, name: string): string[] | null {
  const wanted = name.toLowerCase();
  let values: string[] | null = null;
  for (const key in params) {
    // Only a key of the same length (a case variant) or `<name>.<n>` (a repeat list) can match.
    if (key.length !== wanted.length && !(key.length > wanted.length + 1 && key[wanted.length] === '.')) continue;
    const lower = key.toLowerCase();
    const matches = lower === wanted || (lower.startsWith(`${wanted}.`) && /^\d+$/.test(lower.slice(wanted.length + 1)));
    if (!matches) continue;
    values ??= [];
    collectValues(params[key], values);
  }
  return values;
}

function collectValues(value: unknown, into: string[]): void {
  if (typeof value === 'number') {
    into.push(String(value));
  } else if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (Array.isArray(parsed)) {
          for (const item of parsed) collectValues(item, into);
          return;
        }
      } catch {
        // not a JSON list: the text itself is the value
      }
    }
    if (text !== '') into.push(text);
  } else if (Array.isArray(value)) {
    for (const item of value) collectValues(item, into);
  }
}

export function compositeKey(values: readonly string[]): string {
  return values.join('\u0000');
}

/** First value of a parameter, or null. */
export function paramValue(params: Record<string, unknown>, name: string): string | null {
  const values = paramValues(params, name);
  return values !== null && values.length > 0 ? values[0] : null;
}

/**
 * Calls grouped by action, and lazily by request parameter, so that joining a resource to its detail calls is a
 * map look-up rather than a scan (100,000 instances × their calls must stay linear).
 */
export class CallIndex {
  private readonly byAction = new Map<string, IndexedCall[]>();
  private readonly byParamCache = new Map<string, Map<string, IndexedCall[]>>();

  constructor(readonly calls: readonly SnapshotCall[]) {
    for (let index = 0; index < calls.length; index++) {
      const call = calls[index];
      const key = actionKey(call.product, call.action);
      const list = this.byAction.get(key);
      if (list) list.push({ index, call });
      else this.byAction.set(key, [{ index, call }]);
    }
  }

  /** Every recorded call of one action, in snapshot order. */
  of(product: string, action: string): readonly IndexedCall[] {
    return this.byAction.get(actionKey(product, action)) ?? [];
  }

  actionKeys(): IterableIterator<string> {
    return this.byAction.keys();
  }

  byActionKey(key: string): readonly IndexedCall[] {
    return this.byAction.get(key) ?? [];
  }

  /**
   * Calls of one action by the values of several request parameters together (SLS GetLogStore by project and
   * logstore: logstore names repeat across projects). Each alternative spelling list is tried in order.
   */
  byParams(product: string, action: string, params: ReadonlyArray<readonly string[]>): ReadonlyMap<string, IndexedCall[]> {
    const cacheKey = `${actionKey(product, action)}|${params.map((names) => names.join('/')).join('|').toLowerCase()}`;
    let map = this.byParamCache.get(cacheKey);
    if (map === undefined) {
      map = new Map();
      for (const ic of this.of(product, action)) {
        const parts: string[] = [];
        for (const names of params) {
          let value: string | null = null;
          for (const name of names) {
            value = paramValue(ic.call.params, name);
            if (value !== null) break;
          }
          if (value === null) break;
          parts.push(value);
        }
        if (parts.length !== params.length) continue;
        const key = compositeKey(parts);
        const list = map.get(key);
        if (list) list.push(ic);
        else map.set(key, [ic]);
      }
      this.byParamCache.set(cacheKey, map);
    }
    return map;
  }

  /** Calls of one action by each value of one request parameter (calls that did not send it are left out). */
  byParam(product: string, action: string, param: string): ReadonlyMap<string, IndexedCall[]> {
    const cacheKey = `${actionKey(product, action)}|${param.toLowerCase()}`;
    let map = this.byParamCache.get(cacheKey);
    if (map === undefined) {
      map = new Map();
      for (const ic of this.of(product, action)) {
        const values = paramValues(ic.call.params, param);
        if (values === null) continue;
        for (let i = 0; i < values.length; i++) {
          const value = values[i];
          if (values.indexOf(value) !== i) continue;
          const list = map.get(value);
          if (list) list.push(ic);
          else map.set(value, [ic]);
        }
      }
      this.byParamCache.set(cacheKey, map);
    }
    return map;
  }
}
