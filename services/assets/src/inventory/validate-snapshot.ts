import {
  DEFAULT_SNAPSHOT_LIMITS, RPC_PRODUCTS, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, TEXT_PRODUCTS,
  type AlibabaSnapshot, type SnapshotApiError, type SnapshotCall, type SnapshotLimits,
} from './snapshot.schema';
import { SnapshotInvalidError } from './snapshot-invalid.error';

const PRODUCT_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,63}$/;
const ACTION_PATTERN = /^[A-Za-z][A-Za-z0-9]{0,127}$/;
/** Account ids become part of asset ids (`acs:ecs:<region>:<account>:…`), so no `:` or `/`. */
const ACCOUNT_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const REGION_PATTERN = /^[a-z0-9-]{1,64}$/;

export function limitsOf(overrides: Partial<SnapshotLimits> | undefined): SnapshotLimits {
  return { ...DEFAULT_SNAPSHOT_LIMITS, ...overrides };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses and validates a snapshot received as text or bytes (the CLI's file, an upload). Size is checked on the
 * raw bytes before anything is parsed.
 */
export function parseSnapshot(input: string | Uint8Array, limits?: Partial<SnapshotLimits>): AlibabaSnapshot {
  const resolved = limitsOf(limits);
  const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (bytes > resolved.maxBytes) {
    throw new SnapshotInvalidError('$', `the snapshot is ${bytes} bytes, over the limit of ${resolved.maxBytes}`);
  }
  const text = typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SnapshotInvalidError('$', `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return checkSnapshot(value, resolved, false);
}

/**
 * Validates an already-parsed snapshot (the GraphQL `JSON` scalar). Refuses the whole snapshot at the first bad
 * place; on success returns a normalised copy of the envelope (the response bodies themselves are shared).
 */
export function validateSnapshot(value: unknown, limits?: Partial<SnapshotLimits>): AlibabaSnapshot {
  return checkSnapshot(value, limitsOf(limits), true);
}

function checkSnapshot(value: unknown, limits: SnapshotLimits, estimateTotal: boolean): AlibabaSnapshot {
  if (!isPlainObject(value)) throw new SnapshotInvalidError('$', 'a snapshot is a JSON object');
  const { accountId, capturedAt } = checkEnvelope(value);
  const rawCalls = value.calls;
  if (!Array.isArray(rawCalls)) throw new SnapshotInvalidError('calls', 'must be an array of recorded calls');
  if (rawCalls.length > limits.maxCalls) {
    throw new SnapshotInvalidError('calls', `${rawCalls.length} calls, over the limit of ${limits.maxCalls}`);
  }

  const calls: SnapshotCall[] = new Array<SnapshotCall>(rawCalls.length);
  let total = 0;
  for (let i = 0; i < rawCalls.length; i++) {
    const { call, size } = checkCall(rawCalls[i], i, limits);
    calls[i] = call;
    total += size;
    if (estimateTotal && total > limits.maxBytes) {
      throw new SnapshotInvalidError('$', `the snapshot is larger than the limit of ${limits.maxBytes} bytes (exceeded at calls[${i}])`);
    }
  }
  return { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, accountId, capturedAt, calls };
}

/** The format marker alone, for a reader that meets it before the rest of the envelope. */
export function checkFormat(format: unknown): void {
  if (format !== SNAPSHOT_FORMAT) throw new SnapshotInvalidError('format', `must be "${SNAPSHOT_FORMAT}"`);
}

/** The version alone, for a reader that meets it before the rest of the envelope. */
export function checkVersion(version: unknown): void {
  if (version !== SNAPSHOT_VERSION) {
    throw new SnapshotInvalidError('version', `unsupported version ${JSON.stringify(version) ?? 'undefined'}; this importer reads version ${SNAPSHOT_VERSION}`);
  }
}

/** Everything of the snapshot object but its calls. */
export function checkEnvelope(value: Record<string, unknown>): { accountId: string; capturedAt: string | null } {
  checkFormat(value.format);
  checkVersion(value.version);
  const accountId = value.accountId;
  if (typeof accountId !== 'string' || !ACCOUNT_PATTERN.test(accountId)) {
    throw new SnapshotInvalidError('accountId', 'must be the account id, 1 to 64 letters, digits, "_" or "-"');
  }
  let capturedAt: string | null = null;
  if (value.capturedAt !== undefined && value.capturedAt !== null) {
    if (typeof value.capturedAt !== 'string' || Number.isNaN(Date.parse(value.capturedAt))) {
      throw new SnapshotInvalidError('capturedAt', 'must be an ISO 8601 date-time');
    }
    capturedAt = value.capturedAt;
  }
  return { accountId, capturedAt };
}

/** One recorded call at `calls[i]`, with the estimated size of what it records. */
export function checkCall(raw: unknown, i: number, limits: SnapshotLimits): { call: SnapshotCall; size: number } {
  const at = `calls[${i}]`;
  if (!isPlainObject(raw)) throw new SnapshotInvalidError(at, 'a call is an object');
  const { product, action } = raw;
  if (typeof product !== 'string' || !PRODUCT_PATTERN.test(product)) {
    throw new SnapshotInvalidError(`${at}.product`, 'must name the product, e.g. "Ecs"');
  }
  if (typeof action !== 'string' || !ACTION_PATTERN.test(action)) {
    throw new SnapshotInvalidError(`${at}.action`, 'must name the API action, e.g. "DescribeInstances"');
  }
  if (raw.version !== undefined && typeof raw.version !== 'string') {
    throw new SnapshotInvalidError(`${at}.version`, 'must be the API version string, e.g. "2014-05-26"');
  }
  let region: string | null = null;
  if (raw.region !== undefined && raw.region !== null && raw.region !== '') {
    if (typeof raw.region !== 'string' || !REGION_PATTERN.test(raw.region)) {
      throw new SnapshotInvalidError(`${at}.region`, 'must be a region id such as "cn-hangzhou", or null for global APIs');
    }
    region = raw.region;
  }
  let params: Record<string, unknown> = {};
  if (raw.params !== undefined && raw.params !== null) {
    if (!isPlainObject(raw.params)) throw new SnapshotInvalidError(`${at}.params`, 'must be an object of request parameters');
    params = raw.params;
  }

  const hasResponse = raw.response !== undefined;
  const hasError = raw.error !== undefined && raw.error !== null;
  if (hasResponse && hasError) throw new SnapshotInvalidError(at, 'records both a response and an error');
  if (!hasResponse && !hasError) {
    throw new SnapshotInvalidError(`${at}.response`, 'missing: a call records either the response body or an error');
  }

  const call: SnapshotCall = { product, action, region, params };
  if (typeof raw.version === 'string') call.version = raw.version;
  if (hasError) {
    call.error = checkError(raw.error, `${at}.error`);
    return { call, size: 64 + call.error.code.length + call.error.message.length };
  }

  const response = raw.response;
  const productKey = product.toLowerCase();
  if (RPC_PRODUCTS.has(productKey) && !isPlainObject(response)) {
    throw new SnapshotInvalidError(`${at}.response`, `${product} answers JSON objects; got ${describeType(response)}`);
  }
  if (TEXT_PRODUCTS.has(productKey) && typeof response !== 'string') {
    throw new SnapshotInvalidError(`${at}.response`, `${product} answers the body text (XML); got ${describeType(response)}`);
  }
  const size = estimateJsonSize(response, limits.maxResponseBytes);
  if (size > limits.maxResponseBytes) {
    throw new SnapshotInvalidError(`${at}.response`, `the body is over the limit of ${limits.maxResponseBytes} bytes`);
  }
  call.response = response;
  return { call, size };
}

function checkError(raw: unknown, at: string): SnapshotApiError {
  if (!isPlainObject(raw)) throw new SnapshotInvalidError(at, 'an API error is { code, message }');
  if (typeof raw.code !== 'string' || raw.code.length === 0) {
    throw new SnapshotInvalidError(`${at}.code`, 'must be the API error code, e.g. "Forbidden.RAM"');
  }
  if (raw.message !== undefined && raw.message !== null && typeof raw.message !== 'string') {
    throw new SnapshotInvalidError(`${at}.message`, 'must be text');
  }
  return { code: raw.code, message: typeof raw.message === 'string' ? raw.message : '' };
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Approximate JSON size of a value in bytes, walking iteratively (no recursion limit to hit) and stopping as soon
 * as `budget` is exceeded.
 */
export function estimateJsonSize(root: unknown, budget: number): number {
  if (typeof root === 'string') return Buffer.byteLength(root, 'utf8') + 2;
  let size = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      size += value.length + 3;
    } else if (Array.isArray(value)) {
      size += 2 + value.length;
      for (let i = 0; i < value.length; i++) stack.push(value[i]);
    } else if (typeof value === 'object' && value !== null) {
      size += 2;
      const record = value as Record<string, unknown>;
      for (const key in record) {
        size += key.length + 4;
        stack.push(record[key]);
      }
    } else {
      size += 6;
    }
    if (size > budget) return size;
  }
  return size;
}
