import type { BaselineCheckItem, BaselineStandard, ParamSpec, ParamValue, Params } from './baseline-check-item';
import { BASELINE_CATALOGUE, baselineCheckItem, itemsOfStandard } from './baseline-catalogue';
import { BaselinePolicyInvalidError } from './baseline-policy-invalid.error';

export interface PolicyItem {
  readonly item: BaselineCheckItem;
  readonly params: Params;
}

/** A checked, ready-to-evaluate selection of items with their parameter values. */
export interface BaselinePolicy {
  readonly name: string;
  readonly items: readonly PolicyItem[];
}

export interface BaselinePolicyInput {
  readonly name?: string;
  readonly checkItemIds: readonly unknown[];
  /** `{ "<item id>": { "<param>": value } }` */
  readonly params?: unknown;
  /** Start from a built-in profile's values (e.g. MLPS_2_0_L3 thresholds). */
  readonly profile?: BaselineStandard;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why `value` does not fit `spec`, or null when it does. */
export function paramProblem(spec: ParamSpec, value: unknown): string | null {
  switch (spec.type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= spec.min && value <= spec.max ? null : `must be an integer between ${spec.min} and ${spec.max}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      return spec.allowed === undefined || spec.allowed.includes(value) ? null : `must be one of ${spec.allowed.join(', ')}`;
    case 'string-list':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? null : 'must be a list of strings';
  }
}

/** Default parameter values of an item, with a built-in profile's values over them. */
export function defaultParams(item: BaselineCheckItem, profile?: BaselineStandard): Params {
  const params: Record<string, ParamValue> = {};
  for (const [name, spec] of Object.entries(item.params)) params[name] = spec.default;
  const overrides = profile === undefined ? undefined : item.profiles?.[profile];
  if (overrides !== undefined) for (const [name, value] of Object.entries(overrides)) if (value !== undefined) params[name] = value as ParamValue;
  return params;
}

/** The built-in policy of a standard: its items with that profile's thresholds. */
export function builtInPolicy(standard: BaselineStandard): BaselinePolicy {
  return { name: standard, items: itemsOfStandard(standard).map((item) => ({ item, params: defaultParams(item, standard) })) };
}

/** Every item with default parameters. */
export const fullCataloguePolicy = (): BaselinePolicy => ({ name: 'ALL', items: BASELINE_CATALOGUE.map((item) => ({ item, params: defaultParams(item) })) });

/**
 * Validates a custom policy (selected item ids, parameter overrides) and resolves it; throws
 * BaselinePolicyInvalidError naming every offending field (`checkItemIds[2]`, `params.PWD-08.maxDays`).
 */
export function validateBaselinePolicy(input: BaselinePolicyInput): BaselinePolicy {
  const problems: { path: string; message: string }[] = [];
  if (input.name !== undefined && (typeof input.name !== 'string' || input.name.trim() === '' || input.name.length > 200)) problems.push({ path: 'name', message: 'must be a non-empty string of at most 200 characters' });
  if (!Array.isArray(input.checkItemIds) || input.checkItemIds.length === 0) problems.push({ path: 'checkItemIds', message: 'must list at least one check item' });
  const selected: BaselineCheckItem[] = [];
  const seen = new Set<string>();
  (Array.isArray(input.checkItemIds) ? input.checkItemIds : []).forEach((id, index) => {
    const item = typeof id === 'string' ? baselineCheckItem(id) : undefined;
    if (item === undefined) problems.push({ path: `checkItemIds[${index}]`, message: `unknown check item ${JSON.stringify(id)}` });
    else if (seen.has(item.id)) problems.push({ path: `checkItemIds[${index}]`, message: `${item.id} is listed twice` });
    else {
      seen.add(item.id);
      selected.push(item);
    }
  });
  const overrides: Record<string, Record<string, unknown>> = {};
  if (input.params !== undefined && input.params !== null) {
    if (!isRecord(input.params)) problems.push({ path: 'params', message: 'must be an object keyed by check item id' });
    else {
      for (const [itemId, values] of Object.entries(input.params)) {
        const item = baselineCheckItem(itemId);
        if (item === undefined) problems.push({ path: `params.${itemId}`, message: 'unknown check item' });
        else if (!seen.has(itemId)) problems.push({ path: `params.${itemId}`, message: 'item is not selected in checkItemIds' });
        else if (!isRecord(values)) problems.push({ path: `params.${itemId}`, message: 'must be an object of parameter values' });
        else {
          for (const [name, value] of Object.entries(values)) {
            const spec: ParamSpec | undefined = item.params[name];
            if (spec === undefined) problems.push({ path: `params.${itemId}.${name}`, message: `unknown parameter (known: ${Object.keys(item.params).join(', ') || 'none'})` });
            else {
              const problem = paramProblem(spec, value);
              if (problem !== null) problems.push({ path: `params.${itemId}.${name}`, message: problem });
            }
          }
          overrides[itemId] = values;
        }
      }
    }
  }
  if (problems.length > 0) throw new BaselinePolicyInvalidError(problems);
  return {
    name: input.name?.trim() ?? 'custom',
    items: selected.map((item) => ({ item, params: { ...defaultParams(item, input.profile), ...(overrides[item.id] as Params | undefined) } })),
  };
}
