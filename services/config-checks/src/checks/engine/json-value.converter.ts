import type { JsonObject, JsonValue } from '../model/check-result.definition';

/** A deep copy of plain data as JSON (undefined dropped), for evidence and prior state built from typed config objects. */
export function toJsonValue(value: unknown): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && typeof v !== 'function') out[k] = toJsonValue(v);
    return out;
  }
  return null;
}

export function toJsonObject(value: object): JsonObject {
  return toJsonValue(value) as JsonObject;
}
