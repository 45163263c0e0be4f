/**
 * The inventory snapshot of CONTRACT §4: raw Alibaba Cloud OpenAPI responses as the live connector
 * records them. `validateSnapshot` turns untrusted JSON into this shape or refuses it whole.
 */
export const SNAPSHOT_FORMAT = 'alibaba-openapi-snapshot';
export const SNAPSHOT_VERSION = 1;

export interface SnapshotApiError {
  code: string;
  message: string;
}

export interface SnapshotCall {
  product: string;
  action: string;
  version?: string;
  /** null for global APIs (RAM, IMS, STS, OSS ListBuckets). */
  region: string | null;
  params: Record<string, unknown>;
  /** The body as the API returned it: an object for RPC products, the XML (or JSON policy) text for OSS. */
  response?: unknown;
  /** Recorded instead of `response` when the API answered with an error. */
  error?: SnapshotApiError;
}

export interface AlibabaSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  accountId: string;
  capturedAt: string | null;
  calls: SnapshotCall[];
}

export interface SnapshotLimits {
  /** Whole snapshot, as raw bytes (or an estimate of its JSON size when given an already-parsed object). */
  maxBytes: number;
  maxCalls: number;
  /** One call's response body. */
  maxResponseBytes: number;
}

export const DEFAULT_SNAPSHOT_LIMITS: SnapshotLimits = {
  maxBytes: 512 * 1024 * 1024,
  maxCalls: 2_000_000,
  maxResponseBytes: 32 * 1024 * 1024,
};

/**
 * Products whose bodies are JSON objects. OSS answers XML text (GetBucketPolicy: JSON text); any other product is
 * kept as an unknown action, and its body may be an object, an array or text.
 */
export const RPC_PRODUCTS: ReadonlySet<string> = new Set([
  'ecs', 'vpc', 'slb', 'rds', 'ram', 'ims', 'sts', 'actiontrail', 'kms', 'sas', 'cs', 'sls', 'r-kvstore',
]);
export const TEXT_PRODUCTS: ReadonlySet<string> = new Set(['oss']);
