import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The product SDKs cast each answer into their camel-cased models, dropping fields they do not know. A snapshot records
 * the body as the API returned it, so the SDK client's own `callApi`/`execute` hands the raw body to the call that is
 * waiting for it (concurrent calls on one client each get their own).
 */
export class RawBodyCapture {
  private readonly slots = new AsyncLocalStorage<{ body?: unknown }>();

  keep(result: { body?: unknown }): void {
    const slot = this.slots.getStore();
    if (slot) slot.body = result.body;
  }

  /** Runs one SDK method and answers the raw body it received (a cast failure after a received body still counts). */
  async run(call: () => Promise<unknown>): Promise<unknown> {
    const slot: { body?: unknown } = {};
    try {
      await this.slots.run(slot, call);
    } catch (error) {
      if (!('body' in slot)) throw error;
    }
    return slot.body;
  }
}
