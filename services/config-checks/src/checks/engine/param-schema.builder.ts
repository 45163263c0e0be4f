import type { CheckParams, ParamSpec, ParamSpecs } from '../model/check-params.definition';
import type { JsonObject } from '../model/check-result.definition';

function propertySchema(spec: ParamSpec): JsonObject {
  switch (spec.type) {
    case 'integer':
      return {
        type: 'integer', description: spec.description, default: spec.default,
        ...(spec.minimum !== undefined ? { minimum: spec.minimum } : {}),
        ...(spec.maximum !== undefined ? { maximum: spec.maximum } : {}),
      };
    case 'boolean':
      return { type: 'boolean', description: spec.description, default: spec.default };
    case 'string':
      return {
        type: 'string', description: spec.description, default: spec.default,
        ...(spec.enum !== undefined ? { enum: [...spec.enum] } : {}),
        ...(spec.pattern !== undefined ? { pattern: spec.pattern } : {}),
      };
    case 'string-list':
      return {
        type: 'array', description: spec.description, default: [...spec.default],
        items: spec.itemPattern !== undefined ? { type: 'string', pattern: spec.itemPattern } : { type: 'string' },
      };
    case 'integer-list':
      return {
        type: 'array', description: spec.description, default: [...spec.default],
        items: {
          type: 'integer',
          ...(spec.minimum !== undefined ? { minimum: spec.minimum } : {}),
          ...(spec.maximum !== undefined ? { maximum: spec.maximum } : {}),
        },
      };
  }
}

/** Parameter declarations as a JSON Schema (draft-07) object, and their defaults. */
export const paramSchemaBuilder = {
  schema(specs: ParamSpecs): JsonObject {
    const properties: Record<string, JsonObject> = {};
    for (const [name, spec] of Object.entries(specs)) properties[name] = propertySchema(spec);
    return { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties, additionalProperties: false };
  },
  defaults(specs: ParamSpecs): CheckParams {
    const values: Record<string, CheckParams[string]> = {};
    for (const [name, spec] of Object.entries(specs)) values[name] = spec.default;
    return Object.freeze(values);
  },
};
