/**
 * Process entry of a deployable: starts it, and on SIGINT/SIGTERM closes it (drains NATS,
 * finishes in-flight requests, closes the pool) before exiting. A start failure exits non-zero.
 */
export function runService(start: () => Promise<{ close(): Promise<void> }>): void {
  let stopping = false;
  start().then(
    (running) => {
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        const timer = setTimeout(() => process.exit(1), 10_000);
        timer.unref();
        running.close().then(
          () => process.exit(0),
          (error: unknown) => {
            process.stderr.write(`shutdown after ${signal} failed: ${String(error)}\n`);
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    },
    (error: unknown) => {
      process.stderr.write(`failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
