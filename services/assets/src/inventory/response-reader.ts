/**
 * Narrowing helpers for raw API bodies. Every read names where it reads (`Instances.Instance[3].InstanceId`), so a
 * body of the wrong shape is refused naming the call and field; absent values are `null`, never guessed.
 */
export type JsonObject = Record<string, unknown>;

export interface SnapshotProblem {
  index: number;
  path: string;
  reason: string;
}

/** Keeps the problem of the lowest call index (the first one found for that call), so the import names the first bad call. */
export class ProblemLog {
  private first: SnapshotProblem | null = null;

  report(index: number, path: string, reason: string): void {
    if (this.first === null || index < this.first.index) this.first = { index, path, reason };
  }

  get firstProblem(): SnapshotProblem | null {
    return this.first;
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface Located<T> {
  value: T;
  /** Path below the response, e.g. `Instances.Instance[2]`. */
  at: string;
}

/** Reads one recorded response; problems are reported against `calls[<index>].response.<path>`. */
export class ResponseReader {
  constructor(private readonly problems: ProblemLog, readonly index: number) {}

  fail(path: string, reason: string): void {
    this.problems.report(this.index, path === '' ? `calls[${this.index}].response` : `calls[${this.index}].response.${path}`, reason);
  }

  private join(base: string, key: string): string {
    return base === '' ? key : `${base}.${key}`;
  }

  /** A nested object; absent → null; anything else is a problem. */
  obj(o: JsonObject, key: string, at: string): JsonObject | null {
    const v = o[key];
    if (v === undefined || v === null || v === '') return null;
    if (isObject(v)) return v;
    this.fail(this.join(at, key), `expected an object, got ${typeName(v)}`);
    return null;
  }

  /** Text; numbers and booleans are accepted as their text (Alibaba mixes them); empty text is null. */
  str(o: JsonObject, key: string, at: string): string | null {
    const v = o[key];
    if (v === undefined || v === null) return null;
    if (typeof v === 'string') return v === '' ? null : v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    this.fail(this.join(at, key), `expected text, got ${typeName(v)}`);
    return null;
  }

  /** Text that identifies the resource; a missing value is a problem. */
  id(o: JsonObject, key: string, at: string): string | null {
    const v = this.str(o, key, at);
    if (v === null && o[key] === undefined) this.fail(this.join(at, key), 'missing');
    else if (v === null) this.fail(this.join(at, key), 'must not be empty');
    return v;
  }

  /** A number; numeric text is accepted ("80", "30"); empty text is null. */
  num(o: JsonObject, key: string, at: string): number | null {
    const v = o[key];
    if (v === undefined || v === null || v === '') return null;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string') {
      const n = Number(v.trim());
      if (v.trim() !== '' && Number.isFinite(n)) return n;
    }
    this.fail(this.join(at, key), `expected a number, got ${typeName(v)}`);
    return null;
  }

  /** A boolean; also "true"/"false", and the given extra spellings (e.g. on/off, Enabled/Disabled). */
  bool(o: JsonObject, key: string, at: string, truthy: readonly string[] = [], falsy: readonly string[] = []): boolean | null {
    const v = o[key];
    if (v === undefined || v === null || v === '') return null;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string' || typeof v === 'number') {
      const text = String(v).toLowerCase();
      if (text === 'true' || truthy.some((t) => t.toLowerCase() === text)) return true;
      if (text === 'false' || falsy.some((t) => t.toLowerCase() === text)) return false;
    }
    this.fail(this.join(at, key), `expected a boolean, got ${JSON.stringify(v)}`);
    return null;
  }

  /**
   * Alibaba's wrapped lists: `o[outer][inner]` is an array of objects (e.g. `Instances.Instance`). A missing
   * wrapper or inner key is an empty list; a single object where an array belongs is read as a list of one.
   */
  list(o: JsonObject, outer: string, inner: string, at: string): Array<Located<JsonObject>> {
    const wrapper = this.obj(o, outer, at);
    if (wrapper === null) return NONE;
    const v = wrapper[inner];
    // Most wrapped lists are empty (`Tags: { Tag: [] }`): answer before building any path.
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) return NONE;
    return this.array(wrapper, inner, this.join(at, outer));
  }

  /** A plain array of objects at `o[key]` (e.g. `Listeners`, `TrailList`, `clusters`). */
  array(o: JsonObject, key: string, at: string): Array<Located<JsonObject>> {
    const v = o[key];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) return NONE;
    const base = this.join(at, key);
    const items = Array.isArray(v) ? v : isObject(v) ? [v] : null;
    if (items === null) {
      this.fail(base, `expected a list, got ${typeName(v)}`);
      return NONE;
    }
    const out: Array<Located<JsonObject>> = [];
    const paths = base.includes('[') ? null : itemPaths(base, items.length);
    for (let i = 0; i < items.length; i++) {
      const item: unknown = items[i];
      const path = paths === null ? `${base}[${i}]` : paths[i];
      if (isObject(item)) out.push({ value: item, at: path });
      else this.fail(path, `expected an object, got ${typeName(item)}`);
    }
    return out;
  }

  /** A list of text: `o[outer][inner]` when inner is given (e.g. `SecurityGroupIds.SecurityGroupId`), else `o[outer]`. */
  strings(o: JsonObject, outer: string, inner: string | null, at: string): string[] {
    let holder: JsonObject | null = o;
    let key = outer;
    let base = at;
    if (inner !== null) {
      holder = this.obj(o, outer, at);
      key = inner;
      base = this.join(at, outer);
    }
    if (holder === null) return [];
    const v = holder[key];
    if (v === undefined || v === null || v === '') return [];
    const items = Array.isArray(v) ? v : [v];
    const out: string[] = [];
    for (let i = 0; i < items.length; i++) {
      const item: unknown = items[i];
      if (typeof item === 'string') {
        if (item !== '') out.push(item);
      } else if (typeof item === 'number') {
        out.push(String(item));
      } else {
        this.fail(`${this.join(base, key)}[${i}]`, `expected text, got ${typeName(item)}`);
      }
    }
    return out;
  }
}

/**
 * `base[0]`, `base[1]`, … shared between pages of top-level lists: every page of DescribeInstances has the same
 * item paths (nested lists such as `Instances.Instance[7].Tags.Tag` are not cached: their base changes per parent).
 */
const itemPathCache = new Map<string, string[]>();
/** Shared empty answer; callers only iterate it. */
const NONE: Array<Located<JsonObject>> = [];

function itemPaths(base: string, count: number): readonly string[] {
  let paths = itemPathCache.get(base);
  if (paths === undefined) {
    if (itemPathCache.size > 10_000) itemPathCache.clear();
    paths = [];
    itemPathCache.set(base, paths);
  }
  for (let i = paths.length; i < count; i++) paths.push(`${base}[${i}]`);
  return paths;
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`.slice(0, 60);
}

/** Tags from `Tags.Tag[]`, whether the API spells them TagKey/TagValue or Key/Value. */
export function readTags(reader: ResponseReader, o: JsonObject, at: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const { value, at: tagAt } of reader.list(o, 'Tags', 'Tag', at)) {
    const key = reader.str(value, 'TagKey', tagAt) ?? reader.str(value, 'Key', tagAt);
    if (key === null) continue;
    tags[key] = reader.str(value, 'TagValue', tagAt) ?? reader.str(value, 'Value', tagAt) ?? '';
  }
  return tags;
}
