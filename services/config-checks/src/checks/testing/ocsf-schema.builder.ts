import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Builds a JSON Schema (draft-07) for one OCSF event class from OCSF's own definition files (dictionary, categories,
 * events, objects, profiles), the way the OCSF server compiles them: `extends` chains and `$include`d profiles merged,
 * attributes typed through the dictionary, `requirement: required` enforced, enums, array-ness, type constraints (regex,
 * max_len, range) and object constraints (at_least_one, just_one) applied, attributes of profiles not applied dropped,
 * and unknown attributes rejected. class_uid, category_uid and type_uid are pinned to their computed values.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonMap = { [key: string]: Json };
type Schema = { [key: string]: Json };

interface AttributeDef {
  readonly type?: string;
  readonly is_array?: boolean;
  readonly requirement?: string;
  readonly enum?: JsonMap;
  readonly profile?: string | null;
}

function isMap(value: Json | undefined): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: JsonMap, over: JsonMap): JsonMap {
  const out: JsonMap = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const prior = out[k];
    out[k] = isMap(prior) && isMap(v) ? deepMerge(prior, v) : v;
  }
  return out;
}

function readJson(path: string): JsonMap {
  const parsed: Json = JSON.parse(readFileSync(path, 'utf8'));
  if (!isMap(parsed)) throw new Error(`${path} is not an object`);
  return parsed;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : path.endsWith('.json') ? [path] : [];
  });
}

export interface OcsfSchemaOptions {
  /** Directory holding dictionary.json, categories.json, events/, objects/, profiles/. */
  readonly root: string;
  /** Event class name, e.g. "compliance_finding". */
  readonly className: string;
  /** Profiles the producer applies (and lists in metadata.profiles), e.g. ["cloud"]. */
  readonly profiles: readonly string[];
}

export function buildOcsfEventSchema(options: OcsfSchemaOptions): Schema {
  const { root, profiles } = options;
  const dictionary = readJson(join(root, 'dictionary.json'));
  const dictAttrs = dictionary.attributes as JsonMap;
  const types = (dictionary.types as JsonMap).attributes as JsonMap;
  const categories = (readJson(join(root, 'categories.json')).attributes as JsonMap);
  const events = new Map(walk(join(root, 'events')).map((p) => [String(readJson(p).name), p]));
  const definitions: Record<string, Schema> = {};

  /** Attributes of a definition file: its extends chain and $include'd profiles merged, profile-filtered. */
  function attributesOf(file: JsonMap, resolveParent: (name: string) => JsonMap | null): { attrs: Record<string, AttributeDef & JsonMap>; file: JsonMap } {
    let merged: JsonMap = {};
    const parentName = typeof file.extends === 'string' ? file.extends : null;
    const parent = parentName === null ? null : resolveParent(parentName);
    if (parent !== null) merged = attributesOf(parent, resolveParent).attrs;
    const own = (file.attributes ?? {}) as JsonMap;
    for (const include of (Array.isArray(own.$include) ? own.$include : [])) {
      const profile = readJson(join(root, String(include)));
      const profileName = String(profile.name);
      for (const [name, def] of Object.entries((profile.attributes ?? {}) as JsonMap)) {
        if (name === '$include' || !isMap(def)) continue;
        merged[name] = deepMerge(isMap(merged[name]) ? (merged[name] as JsonMap) : {}, { profile: profileName, ...def });
      }
    }
    for (const [name, def] of Object.entries(own)) {
      if (name === '$include' || !isMap(def)) continue;
      merged[name] = deepMerge(isMap(merged[name]) ? (merged[name] as JsonMap) : {}, def);
    }
    const attrs: Record<string, AttributeDef & JsonMap> = {};
    for (const [name, def] of Object.entries(merged)) {
      if (!isMap(def)) continue;
      const profile = def.profile;
      if (typeof profile === 'string' && !profiles.includes(profile)) continue;
      attrs[name] = def as AttributeDef & JsonMap;
    }
    return { attrs, file };
  }

  function primitive(typeName: string): Schema {
    const chain: JsonMap[] = [];
    let current: string | null = typeName;
    while (current !== null) {
      const t: Json | undefined = types[current];
      if (!isMap(t)) throw new Error(`unknown OCSF type ${current}`);
      chain.push(t);
      current = typeof t.type === 'string' ? t.type : null;
      if (current === null) {
        const base: Record<string, Schema> = {
          string_t: { type: 'string' }, integer_t: { type: 'integer' }, long_t: { type: 'integer' }, float_t: { type: 'number' },
          boolean_t: { type: 'boolean' }, json_t: {},
        };
        const name = chain.length === 1 ? typeName : String(chain[chain.length - 2].type);
        const schema: Schema = { ...(base[name] ?? {}) };
        for (const t of chain) {
          if (typeof t.regex === 'string') schema.pattern = t.regex;
          if (typeof t.max_len === 'number') schema.maxLength = t.max_len;
          if (Array.isArray(t.range) && t.range.length === 2) {
            schema.minimum = t.range[0];
            schema.maximum = t.range[1];
          }
        }
        return schema;
      }
    }
    throw new Error(`unresolvable OCSF type ${typeName}`);
  }

  function objectRef(name: string): Schema {
    if (name === 'object') return { type: 'object' };
    if (definitions[name] === undefined) {
      definitions[name] = {};
      const file = readJson(join(root, 'objects', `${name}.json`));
      definitions[name] = objectSchema(file, (parent) => (parent === 'object' ? null : readJson(join(root, 'objects', `${parent}.json`))));
    }
    return { $ref: `#/definitions/${name}` };
  }

  function attributeSchema(name: string, local: AttributeDef & JsonMap): Schema {
    const dict = dictAttrs[name];
    if (!isMap(dict)) throw new Error(`attribute ${name} is not in the OCSF dictionary`);
    const def = deepMerge(dict, local) as AttributeDef & JsonMap;
    const typeName = def.type;
    if (typeof typeName !== 'string') throw new Error(`attribute ${name} has no type`);
    let schema: Schema = typeName.endsWith('_t') ? primitive(typeName) : objectRef(typeName);
    if (isMap(def.enum)) {
      const keys = Object.keys(def.enum);
      const values: Json[] = schema.type === 'integer' ? keys.map(Number) : keys;
      schema = { ...schema, enum: values };
    }
    return def.is_array === true ? { type: 'array', items: schema } : schema;
  }

  function objectSchema(file: JsonMap, resolveParent: (name: string) => JsonMap | null): Schema {
    const { attrs } = attributesOf(file, resolveParent);
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const [name, def] of Object.entries(attrs)) {
      properties[name] = attributeSchema(name, def);
      if (def.requirement === 'required') required.push(name);
    }
    const schema: Schema = { type: 'object', properties, additionalProperties: false, ...(required.length ? { required } : {}) };
    // Constraints are declared on the object or inherited from the nearest ancestor that declares them.
    let constraints: JsonMap | null = null;
    for (let f: JsonMap | null = file; f !== null && constraints === null; f = typeof f.extends === 'string' ? resolveParent(f.extends) : null) {
      if (isMap(f.constraints)) constraints = f.constraints;
    }
    if (constraints !== null) {
      const all: Json[] = [];
      if (Array.isArray(constraints.at_least_one)) all.push({ anyOf: constraints.at_least_one.map((a) => ({ required: [a] })) });
      if (Array.isArray(constraints.just_one)) all.push({ oneOf: constraints.just_one.map((a) => ({ required: [a] })) });
      if (all.length) schema.allOf = all;
    }
    return schema;
  }

  const eventPath = events.get(options.className);
  if (eventPath === undefined) throw new Error(`no OCSF event class ${options.className}`);
  const eventFile = readJson(eventPath);
  const schema = objectSchema(eventFile, (parent) => {
    const p = events.get(parent);
    return p === undefined ? null : readJson(p);
  });
  // Identity attributes the OCSF server computes: class_uid = category_uid * 1000 + uid, type_uid = class_uid * 100 + activity_id.
  let categoryName: string | null = null;
  for (let f: JsonMap | null = eventFile; f !== null && categoryName === null; f = typeof f.extends === 'string' && events.has(f.extends) ? readJson(events.get(f.extends) ?? '') : null) {
    if (typeof f.category === 'string') categoryName = f.category;
  }
  const category = categoryName === null ? null : categories[categoryName];
  if (!isMap(category) || typeof category.uid !== 'number' || typeof eventFile.uid !== 'number') throw new Error(`cannot compute class_uid of ${options.className}`);
  const classUid = category.uid * 1000 + eventFile.uid;
  const props = schema.properties as Record<string, Schema>;
  const activityIds = (props.activity_id.enum as number[]).filter((id) => id !== 0 && id !== 99).concat([0, 99]);
  // The base event's enums (0 = Base Event / Uncategorized) are what each class overrides with its computed value.
  props.class_uid = { type: 'integer', const: classUid };
  props.category_uid = { type: 'integer', const: category.uid };
  props.type_uid = { type: 'integer', enum: activityIds.map((a) => classUid * 100 + a) };
  return { $schema: 'http://json-schema.org/draft-07/schema#', $id: `ocsf-1.8.0/${options.className}`, ...schema, definitions };
}
