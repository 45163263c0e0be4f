import type { CheckParams, ParamSpec, ParamSpecs, ParamValue } from '../model/check-params.definition';
import { InvalidCheckParamsError } from './invalid-check-params.error';

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

function checkValue(spec: ParamSpec, value: unknown, path: string): ParamValue {
  const bad = (why: string, at = path): never => {
    throw new InvalidCheckParamsError(`${at} ${why}`, { path: at });
  };
  switch (spec.type) {
    case 'integer':
      if (!isInteger(value)) return bad('must be an integer');
      if (spec.minimum !== undefined && value < spec.minimum) return bad(`must be >= ${spec.minimum}`);
      if (spec.maximum !== undefined && value > spec.maximum) return bad(`must be <= ${spec.maximum}`);
      return value;
    case 'boolean':
      return typeof value === 'boolean' ? value : bad('must be a boolean');
    case 'string':
      if (typeof value !== 'string') return bad('must be a string');
      if (spec.enum !== undefined && !spec.enum.includes(value)) return bad(`must be one of ${spec.enum.join(', ')}`);
      if (spec.pattern !== undefined && !new RegExp(spec.pattern).test(value)) return bad(`must match ${spec.pattern}`);
      return value;
    case 'string-list': {
      if (!Array.isArray(value)) return bad('must be an array of strings');
      const items: string[] = [];
      value.forEach((item: unknown, i) => {
        if (typeof item !== 'string') bad('must be a string', `${path}[${i}]`);
        else if (spec.itemPattern !== undefined && !new RegExp(spec.itemPattern).test(item)) bad(`must match ${spec.itemPattern}`, `${path}[${i}]`);
        else items.push(item);
      });
      return Object.freeze(items);
    }
    case 'integer-list': {
      if (!Array.isArray(value)) return bad('must be an array of integers');
      const items: number[] = [];
      value.forEach((item: unknown, i) => {
        if (!isInteger(item)) bad('must be an integer', `${path}[${i}]`);
        else if (spec.minimum !== undefined && item < spec.minimum) bad(`must be >= ${spec.minimum}`, `${path}[${i}]`);
        else if (spec.maximum !== undefined && item > spec.maximum) bad(`must be <= ${spec.maximum}`, `${path}[${i}]`);
        else items.push(item);
      });
      return Object.freeze(items);
    }
  }
}

/** Overrides merged over defaults and checked against the declarations; throws InvalidCheckParamsError. */
export function resolveCheckParams(
  specs: ParamSpecs,
  defaults: CheckParams,
  overrides: Readonly<Record<string, unknown>> | undefined,
  pathPrefix = 'params',
): CheckParams {
  if (overrides === undefined) return defaults;
  const values: Record<string, ParamValue> = { ...defaults };
  for (const [name, value] of Object.entries(overrides)) {
    const spec = specs[name];
    const path = `${pathPrefix}.${name}`;
    if (spec === undefined) throw new InvalidCheckParamsError(`${path} is not a parameter`, { path });
    values[name] = checkValue(spec, value, path);
  }
  return Object.freeze(values);
}
