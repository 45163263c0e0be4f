/**
 * An async iterator fed by pushes. Unlike an async generator, `return()` settles at once even while a
 * consumer waits in `next()`, so an unsubscribing client is released immediately rather than at the next
 * update. `onEnd` runs exactly once, however the iteration ends.
 */
export class PushQueueIterator<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting?: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void };
  private failure?: { error: unknown };
  private ended = false;

  constructor(
    private readonly onEnd: () => void,
    /** Keeps at most this many undelivered items, dropping the oldest (for last-value state). */
    private readonly capacity = Number.POSITIVE_INFINITY,
  ) {}

  push(item: T): void {
    if (this.ended) return;
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = undefined;
      resolve({ value: item, done: false });
      return;
    }
    this.queue.push(item);
    if (this.queue.length > this.capacity) this.queue.splice(0, this.queue.length - this.capacity);
  }

  /** Ends the iteration once what is queued has been taken. */
  end(): void {
    this.close();
  }

  /** Ends the iteration with an error once what is queued has been taken. */
  fail(error: unknown): void {
    if (this.ended) return;
    this.failure = { error };
    this.close();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length > 0) return Promise.resolve({ value: this.queue.shift() as T, done: false });
    if (this.failure) {
      const { error } = this.failure;
      this.failure = undefined;
      return Promise.reject(error);
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<T>> {
    this.queue.length = 0;
    this.failure = undefined;
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<T>> {
    this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private close(): void {
    if (this.ended) return;
    this.ended = true;
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) {
      if (this.failure) {
        const { error } = this.failure;
        this.failure = undefined;
        waiting.reject(error);
      } else {
        waiting.resolve({ value: undefined, done: true });
      }
    }
    this.onEnd();
  }
}
