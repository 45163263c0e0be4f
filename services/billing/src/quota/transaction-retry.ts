/** Postgres errors after which the whole transaction may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);

function sqlStateOf(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Runs a transaction again after a serialization failure or a deadlock (both roll back cleanly). */
export async function withTransactionRetry<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const state = sqlStateOf(error);
      if (attempt >= attempts || state === undefined || !RETRYABLE.has(state)) throw error;
    }
  }
}
