import { createClient, type Client } from 'graphql-ws';
import { GRAPHQL_PATH } from './graphql.client';
import { SCAN_PROGRESS } from './documents';
import type { ScanProgress } from './types';

export interface ProgressHandlers {
  next(progress: ScanProgress): void;
  error(message: string, code?: string): void;
  complete(): void;
}

function webSocketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}${GRAPHQL_PATH}`;
}

function describe(error: unknown): { message: string; code?: string } {
  if (Array.isArray(error) && error.length > 0) {
    const first = error[0] as { message?: string; extensions?: { code?: string } };
    return { message: first.message ?? 'Subscription failed', code: first.extensions?.code };
  }
  if (error && typeof error === 'object' && 'reason' in error && typeof error.reason === 'string' && error.reason) {
    return { message: `Connection closed: ${error.reason}` };
  }
  return { message: 'Lost the live connection to the gateway' };
}

/**
 * Follows one task's `scanProgress` over graphql-transport-ws: the current state first, then every change,
 * until the server completes the subscription after a terminal status. Returns a function that stops it.
 */
export function watchScanProgress(token: string, scanId: string, handlers: ProgressHandlers): () => void {
  const client: Client = createClient({
    url: webSocketUrl(),
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: true,
    retryAttempts: 3,
  });
  const unsubscribe = client.subscribe<{ scanProgress: ScanProgress }>(
    { query: SCAN_PROGRESS, variables: { scanId } },
    {
      next: (result) => {
        if (result.errors?.length) {
          const { message, code } = describe(result.errors);
          handlers.error(message, code);
        } else if (result.data) {
          handlers.next(result.data.scanProgress);
        }
      },
      error: (error) => {
        const { message, code } = describe(error);
        handlers.error(message, code);
      },
      complete: () => handlers.complete(),
    },
  );
  return () => {
    unsubscribe();
    void client.dispose();
  };
}
