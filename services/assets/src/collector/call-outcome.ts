import type { SnapshotApiError } from '../inventory/snapshot.schema';

/** One API call's answer as recorded: the raw body, or the API error. */
export type CallOutcome<T = Record<string, unknown>> = { response: T } | { error: SnapshotApiError };

export interface AlibabaCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
}

/** What the SDKs throw: `@alicloud/openapi-client` and `openapi-core` (code, statusCode, data), `ali-oss` (code, status). */
interface SdkError {
  code?: string;
  name?: string;
  message?: string;
  status?: number;
  statusCode?: number;
  data?: { statusCode?: number; Message?: string; message?: string };
}

const statusOf = (error: SdkError): number => error.statusCode ?? error.status ?? error.data?.statusCode ?? 0;

/** `Throttling*`, `ServiceUnavailable`, HTTP 429 and 5xx, and dropped connections are worth another try; anything else is the answer. */
export function isRetryable(error: SdkError): boolean {
  const code = error.code ?? '';
  const status = statusOf(error);
  return code.startsWith('Throttling') || code === 'ServiceUnavailable' || status === 429 || status >= 500 || status === -1 ||
    /ECONNRESET|ETIMEDOUT|ResponseTimeoutError|ConnectionTimeoutError/.test(`${code} ${error.name ?? ''}`);
}

function apiErrorOf(error: SdkError): SnapshotApiError {
  const message = error.data?.Message ?? error.data?.message ?? error.message ?? 'Unknown error';
  return { code: error.code || error.name || 'UnknownError', message };
}

/** Runs one SDK call with exponential backoff (with jitter) on retryable errors; the final error is returned, never thrown. */
export async function withRetries<T>(retry: RetryPolicy, attempt: () => Promise<T>): Promise<CallOutcome<T>> {
  for (let tried = 1; ; tried++) {
    try {
      return { response: await attempt() };
    } catch (caught) {
      const error = caught as SdkError;
      if (tried < retry.attempts && isRetryable(error)) {
        const delay = retry.baseDelayMs * 2 ** (tried - 1) * (0.5 + Math.random() / 2);
        await new Promise((resume) => setTimeout(resume, delay));
        continue;
      }
      return { error: apiErrorOf(error) };
    }
  }
}

/** The host and protocol an endpoint override (`http://127.0.0.1:9000`) names for one product, if any. */
export function overrideFor(override: Record<string, string> | undefined, product: string): URL | undefined {
  const url = override?.[product.toLowerCase()] ?? override?.['*'];
  return url ? new URL(url) : undefined;
}

/** The endpoint, protocol and credentials of one product's official SDK client, honouring an endpoint override. */
export function sdkEndpoint(
  credentials: AlibabaCredentials, override: Record<string, string> | undefined, product: string, endpoint: string, region: string,
) {
  const url = overrideFor(override, product);
  return {
    ...credentials,
    endpoint: url ? url.host : endpoint,
    protocol: url ? url.protocol.replace(':', '') : 'https',
    regionId: region,
    readTimeout: 30_000,
    connectTimeout: 10_000,
  };
}
