import { createSourceEventStream, execute, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';

type Results = Map<string, Promise<ExecutionResult> | ExecutionResult>;

/**
 * Executes each source event once per (document, variables, operation) rather than once per subscriber:
 * a thousand subscribers of one scan, subscribed with the same query, share one execution of every
 * update. Valid because subscription fields here resolve from the event alone (the tenant was settled
 * when the event stream was opened), never from the subscriber's context.
 */
const shared = new WeakMap<object, WeakMap<DocumentNode, Results>>();

function executeShared(args: ExecutionArgs, event: object): Promise<ExecutionResult> | ExecutionResult {
  let byDocument = shared.get(event);
  if (!byDocument) shared.set(event, (byDocument = new WeakMap()));
  let results = byDocument.get(args.document);
  if (!results) byDocument.set(args.document, (results = new Map()));
  const key = `${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}`;
  let result = results.get(key);
  if (!result) {
    result = execute({ ...args, rootValue: event });
    results.set(key, result);
  }
  return result;
}

/** `graphql.subscribe`, with the per-event execution shared as above. */
export async function subscribeWithSharedResults(
  args: ExecutionArgs,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source;
  const events = source as AsyncIterableIterator<unknown>;
  const mapped: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      const step = await events.next();
      if (step.done) return { value: undefined, done: true };
      const event = step.value;
      const value = typeof event === 'object' && event !== null ? await executeShared(args, event) : await execute({ ...args, rootValue: event });
      return { value, done: false };
    },
    async return() {
      await events.return?.();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      await events.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return mapped;
    },
  };
  return mapped;
}
