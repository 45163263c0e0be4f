import type { NatsConnection } from '@nats-io/transport-node';
import {
  create, EntitlementsRequestSchema, EntitlementsSchema, fromBinary, REQUESTS, ReserveRequestSchema, ReserveResponseSchema, toBinary,
  type Entitlements, type ReserveResponse,
} from '@rampart/contracts';

const REQUEST_TIMEOUT_MS = 5_000;

/** Billing over NATS request/reply: entitlements and quota reservations (idempotent by reservation id). */
export class BillingClient {
  constructor(private readonly nats: NatsConnection) {}

  async entitlements(tenantId: string): Promise<Entitlements> {
    const reply = await this.nats.request(REQUESTS.entitlements, toBinary(EntitlementsRequestSchema, create(EntitlementsRequestSchema, { tenantId })), {
      timeout: REQUEST_TIMEOUT_MS,
    });
    return fromBinary(EntitlementsSchema, reply.data);
  }

  async reserve(request: { id: string; tenantId: string; units: number; operation: string; taskId: string }): Promise<ReserveResponse> {
    const message = create(ReserveRequestSchema, {
      id: request.id,
      tenantId: request.tenantId,
      units: BigInt(request.units),
      operation: request.operation,
      taskId: request.taskId,
      timeoutSeconds: 600,
    });
    const reply = await this.nats.request(REQUESTS.quotaReserve, toBinary(ReserveRequestSchema, message), { timeout: REQUEST_TIMEOUT_MS });
    return fromBinary(ReserveResponseSchema, reply.data);
  }
}
