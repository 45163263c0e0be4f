import { create, fromBinary, toBinary, type DescMessage, type MessageInitShape, type MessageShape } from '@bufbuild/protobuf';
import { errors, type NatsConnection } from '@nats-io/transport-node';
import {
  EntitlementsRequestSchema,
  EntitlementsSchema,
  PostRequestSchema,
  PostResponseSchema,
  REQUESTS,
  ReserveRequestSchema,
  ReserveResponseSchema,
  VoidRequestSchema,
  VoidResponseSchema,
} from '@rampart/contracts';

/**
 * What a worker in another service does to talk to billing: protobuf request/reply with an
 * idempotency id, retried with the same body when no answer came in time.
 */
export class QuotaClient {
  constructor(
    private readonly nats: NatsConnection,
    private readonly subjectPrefix = '',
    private readonly timeoutMs = 10_000,
    private readonly attempts = 3,
  ) {}

  reserve(request: MessageInitShape<typeof ReserveRequestSchema>) {
    return this.call(REQUESTS.quotaReserve, ReserveRequestSchema, ReserveResponseSchema, request);
  }

  post(request: MessageInitShape<typeof PostRequestSchema>) {
    return this.call(REQUESTS.quotaPost, PostRequestSchema, PostResponseSchema, request);
  }

  void(request: MessageInitShape<typeof VoidRequestSchema>) {
    return this.call(REQUESTS.quotaVoid, VoidRequestSchema, VoidResponseSchema, request);
  }

  entitlements(tenantId: string) {
    return this.call(REQUESTS.entitlements, EntitlementsRequestSchema, EntitlementsSchema, { tenantId });
  }

  /** Sends raw bytes (malformed-request tests). */
  async raw<R extends DescMessage>(subject: string, response: R, data: Uint8Array): Promise<MessageShape<R>> {
    const reply = await this.nats.request(`${this.subjectPrefix}${subject}`, data, { timeout: this.timeoutMs });
    return fromBinary(response, reply.data);
  }

  private async call<Q extends DescMessage, R extends DescMessage>(
    subject: string,
    requestSchema: Q,
    responseSchema: R,
    request: MessageInitShape<Q>,
  ): Promise<MessageShape<R>> {
    const data = toBinary(requestSchema, create(requestSchema, request));
    for (let attempt = 1; ; attempt++) {
      try {
        const reply = await this.nats.request(`${this.subjectPrefix}${subject}`, data, { timeout: this.timeoutMs });
        return fromBinary(responseSchema, reply.data);
      } catch (error) {
        const noResponders = error instanceof errors.RequestError && error.isNoResponders();
        const retryable = noResponders || error instanceof errors.TimeoutError || (error as Error).cause instanceof errors.TimeoutError;
        if (!retryable || attempt >= this.attempts) throw error;
        // Nobody listens (a replica restarting): back off before asking again; a timeout already waited.
        if (noResponders) await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }
}
