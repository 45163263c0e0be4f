/** At most `limit` tasks at once per key (product and region), in arrival order. */
export class ConcurrencyLimiter {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(private readonly limit: number) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    if ((this.running.get(key) ?? 0) >= this.limit) {
      await new Promise<void>((resume) => {
        const queue = this.waiting.get(key) ?? [];
        queue.push(resume);
        this.waiting.set(key, queue);
      });
    }
    this.running.set(key, (this.running.get(key) ?? 0) + 1);
    try {
      return await task();
    } finally {
      this.running.set(key, (this.running.get(key) ?? 1) - 1);
      this.waiting.get(key)?.shift()?.();
    }
  }
}
