import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

export type ProgressResult = FormattedExecutionResult<Record<string, unknown>, unknown>;
export interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown>;
}

/** How a subscription ended: completed by the server, refused with errors, or its socket closed. */
export type SubscriptionEnd =
  | { kind: 'completed' }
  | { kind: 'errors'; errors: readonly GraphQLErrorLike[] }
  | { kind: 'closed'; code: number; reason: string };

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'number';
}

/**
 * One graphql-transport-ws subscription, as a client sees it: every result in order, how it ended, and a
 * way to await the n-th result (an event, not a sleep).
 */
export class SubscriptionProbe {
  readonly results: ProgressResult[] = [];
  readonly ended: Promise<SubscriptionEnd>;
  private readonly client: Client;
  private readonly waiters: Array<{ count: number; resolve: () => void }> = [];
  private closeEvent?: { code: number; reason: string };
  private finish!: (end: SubscriptionEnd) => void;

  constructor(url: string, connectionParams: Record<string, unknown>, query: string, variables: Record<string, unknown> = {}) {
    this.ended = new Promise((resolve) => (this.finish = resolve));
    this.client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams,
      retryAttempts: 0,
      lazy: true,
      on: {
        closed: (event) => {
          if (isCloseEvent(event)) this.closeEvent = { code: event.code, reason: event.reason };
        },
      },
    });
    this.client.subscribe<Record<string, unknown>>(
      { query, variables },
      {
        next: (result) => {
          this.results.push(result);
          for (const waiter of [...this.waiters]) {
            if (this.results.length >= waiter.count) {
              this.waiters.splice(this.waiters.indexOf(waiter), 1);
              waiter.resolve();
            }
          }
        },
        error: (error: unknown) => {
          if (Array.isArray(error)) this.finish({ kind: 'errors', errors: error as GraphQLErrorLike[] });
          else if (isCloseEvent(error)) this.finish({ kind: 'closed', code: error.code, reason: error.reason });
          else this.finish({ kind: 'closed', code: this.closeEvent?.code ?? -1, reason: String(error) });
        },
        complete: () => this.finish({ kind: 'completed' }),
      },
    );
  }

  /** Resolves once `count` results have arrived (rejects if the subscription ends first). */
  async received(count: number): Promise<ProgressResult[]> {
    if (this.results.length < count) {
      await Promise.race([
        new Promise<void>((resolve) => this.waiters.push({ count, resolve })),
        this.ended.then((end) => {
          if (this.results.length < count) throw new Error(`subscription ended (${JSON.stringify(end)}) after ${this.results.length} of ${count} results`);
        }),
      ]);
    }
    return this.results.slice(0, count);
  }

  /** The socket's close, once it closes (for connections the server ends). */
  async closed(): Promise<{ code: number; reason: string }> {
    const end = await this.ended;
    if (end.kind === 'closed') return { code: end.code, reason: end.reason };
    throw new Error(`subscription ended without closing its socket: ${JSON.stringify(end)}`);
  }

  async dispose(): Promise<void> {
    await this.client.dispose();
  }
}
