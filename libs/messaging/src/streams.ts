import { jetstreamManager, RetentionPolicy, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import { STREAMS } from '@rampart/contracts';

/** How long JetStream remembers a Nats-Msg-Id to drop a republished duplicate. */
export const DUPLICATE_WINDOW_MS = 10 * 60 * 1000;

/** Creates the named event streams if missing (idempotent, safe for racing replicas). */
export async function ensureStreams(nats: NatsConnection, names: string[] = Object.keys(STREAMS)): Promise<JetStreamManager> {
  const jsm = await jetstreamManager(nats);
  for (const name of names) {
    const definition = STREAMS[name];
    if (!definition) throw new Error(`Unknown stream ${name}`);
    try {
      await jsm.streams.info(name);
    } catch {
      try {
        await jsm.streams.add({
          name,
          subjects: definition.subjects,
          description: definition.description,
          storage: StorageType.File,
          retention: RetentionPolicy.Limits,
          duplicate_window: nanos(DUPLICATE_WINDOW_MS),
          max_age: nanos(7 * 24 * 3600 * 1000),
        });
      } catch (error) {
        // Another replica created it between our info and add.
        await jsm.streams.info(name).catch(() => {
          throw error;
        });
      }
    }
  }
  return jsm;
}
