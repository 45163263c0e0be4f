import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ERROR_CODES, RampartError, type ErrorCode } from './rampart-error';

/** Codes that graphql-js and Apollo attach to requests the schema refuses before any resolver runs. */
const REQUEST_ERROR_CODES: Record<string, ErrorCode> = {
  GRAPHQL_PARSE_FAILED: 'BAD_USER_INPUT',
  GRAPHQL_VALIDATION_FAILED: 'BAD_USER_INPUT',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  PERSISTED_QUERY_NOT_FOUND: 'BAD_USER_INPUT',
  PERSISTED_QUERY_NOT_SUPPORTED: 'BAD_USER_INPUT',
  OPERATION_RESOLUTION_FAILURE: 'BAD_USER_INPUT',
  BAD_REQUEST: 'BAD_USER_INPUT',
};

const KNOWN_CODES = new Set<string>(ERROR_CODES);

/**
 * The one mapper from anything thrown to what a client sees: a RampartError keeps its code, message
 * and details; request errors (parse, validation) become BAD_USER_INPUT; everything else becomes
 * INTERNAL_SERVER_ERROR with no internals in the message. `report` receives what was hidden.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  report: (hidden: unknown) => void = () => undefined,
): GraphQLFormattedError {
  const original = unwrap(error);
  if (original instanceof RampartError) {
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: original.code, ...(original.details ? { details: original.details } : {}) },
    };
  }
  const upstreamCode = formatted.extensions?.code;
  if (typeof upstreamCode === 'string' && upstreamCode !== 'INTERNAL_SERVER_ERROR') {
    const mapped = REQUEST_ERROR_CODES[upstreamCode] ?? (KNOWN_CODES.has(upstreamCode) ? (upstreamCode as ErrorCode) : undefined);
    if (mapped) {
      // Errors a subgraph already mapped (the gateway relays them), or request validation errors.
      const details = formatted.extensions?.details;
      return {
        message: formatted.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: mapped, ...(details ? { details } : {}) },
      };
    }
  }
  if (original === undefined && isGraphQLValidationMessage(formatted)) {
    return { message: formatted.message, locations: formatted.locations, extensions: { code: 'BAD_USER_INPUT' } };
  }
  report(original ?? error);
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

function unwrap(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof GraphQLError; depth++) {
    if (!current.originalError) return undefined;
    current = current.originalError;
  }
  return current;
}

function isGraphQLValidationMessage(formatted: GraphQLFormattedError): boolean {
  return formatted.path === undefined && Array.isArray(formatted.locations) && formatted.locations.length > 0;
}

/** Builds a GraphQLError carrying a code, for places that must throw GraphQLError themselves. */
export function graphQLErrorOf(error: RampartError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: { code: error.code, ...(error.details ? { details: error.details } : {}) },
  });
}
