import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { toBinary, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import { HEADERS, type EventContract } from '@rampart/contracts';
import { injectTraceContext } from '@rampart/platform';

/**
 * Writes an event into the outbox inside the caller's business transaction: it is published if
 * and only if the transaction commits. Returns the event id (the Nats-Msg-Id it will carry).
 */
export async function publishInTransaction<S extends DescMessage>(
  manager: EntityManager,
  contract: EventContract<S>,
  tenantId: string,
  message: MessageShape<S>,
  extraHeaders: Record<string, string> = {},
): Promise<string> {
  const id = randomUUID();
  // `traceparent` (and baggage) of the request that caused the event: the relay copies outbox headers onto
  // the NATS message, so the consumer's span continues this trace.
  const headers = injectTraceContext({ [HEADERS.tenant]: tenantId, [HEADERS.eventType]: contract.subject, ...extraHeaders });
  await manager.query(
    'INSERT INTO outbox (id, subject, payload, headers, tenant_id) VALUES ($1, $2, $3, $4, $5)',
    [id, contract.subject, Buffer.from(toBinary(contract.schema, message)), JSON.stringify(headers), tenantId],
  );
  return id;
}

const BULK_ROWS = 5000;

/** Many events in few statements, for bulk writers (imports, scans). */
export async function publishManyInTransaction<S extends DescMessage>(
  manager: EntityManager,
  contract: EventContract<S>,
  tenantId: string,
  messages: Array<MessageShape<S>>,
): Promise<string[]> {
  return publishEncodedInTransaction(manager, contract, tenantId, messages.map((message) => toBinary(contract.schema, message)));
}

/**
 * Events already encoded with `toBinary(contract.schema, …)`, written `BULK_ROWS` to a statement: for a writer that
 * encodes while the database works on its previous statement.
 */
export async function publishEncodedInTransaction<S extends DescMessage>(
  manager: EntityManager,
  contract: EventContract<S>,
  tenantId: string,
  payloads: Uint8Array[],
): Promise<string[]> {
  if (payloads.length === 0) return [];
  const ids: string[] = [];
  const headers = JSON.stringify(injectTraceContext({ [HEADERS.tenant]: tenantId, [HEADERS.eventType]: contract.subject }));
  for (let start = 0; start < payloads.length; start += BULK_ROWS) {
    const slice = payloads.slice(start, start + BULK_ROWS);
    const sliceIds = slice.map(() => randomUUID());
    ids.push(...sliceIds);
    await manager.query(
      `INSERT INTO outbox (id, subject, payload, headers, tenant_id)
       SELECT id, $2, payload, $3::jsonb, $4 FROM unnest($1::uuid[], $5::bytea[]) AS t(id, payload)`,
      [sliceIds, contract.subject, headers, tenantId, slice.map((payload) => Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength))],
    );
  }
  return ids;
}
