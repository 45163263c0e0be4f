/**
 * One collected fact. A fact the agent could not obtain is never silently empty: it is `unavailable` (it does not
 * exist in this collection mode, e.g. live-only data under `--root`) or `error` (collection failed).
 */
export type Fact<T> =
  | { readonly status: 'collected'; readonly value: T }
  | { readonly status: 'unavailable'; readonly reason: string }
  | { readonly status: 'error'; readonly message: string };

export const collected = <T>(value: T): Fact<T> => ({ status: 'collected', value });
export const unavailable = <T>(reason: string): Fact<T> => ({ status: 'unavailable', reason });
export const failed = <T>(message: string): Fact<T> => ({ status: 'error', message });

/** The value of a collected fact, or undefined. */
export const factValue = <T>(fact: Fact<T> | undefined): T | undefined =>
  fact !== undefined && fact.status === 'collected' ? fact.value : undefined;
