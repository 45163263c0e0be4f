import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  create, fromBinary, PostRequestSchema, PostResponseSchema, REQUESTS, ReserveRequestSchema, ReserveResponseSchema, toBinary,
  UsageRecordSchema, VoidRequestSchema, VoidResponseSchema,
} from '@rampart/contracts';
import { NATS_CONNECTION, PLATFORM_CONFIG, RampartError } from '@rampart/platform';
import type { BaselineChecksConfig } from '../config';

export type QuotaOperation = 'SCAN' | 'VERIFY' | 'FIX';

export interface Grant {
  reservationId: string;
  granted: number;
}

/** One charged evaluation: a check item on a host (the host is the billed instance). */
export interface UsageLine {
  checkItemId: string;
  hostId: string;
}

const ATTEMPTS = 3;

/**
 * Billing's quota over NATS request/reply (`billing.quota.reserve|post|void`, protobuf). Every request is idempotent
 * by reservation id, so a timed-out request is retried with the same id; a refusal carries its error code.
 */
@Injectable()
export class BaselineQuotaClient {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(PLATFORM_CONFIG) private readonly config: BaselineChecksConfig,
  ) {}

  async reserve(tenantId: string, request: { id: string; taskId: string; units: number; operation: QuotaOperation; timeoutSeconds?: number }): Promise<Grant> {
    const body = create(ReserveRequestSchema, {
      id: request.id,
      tenantId,
      units: BigInt(request.units),
      operation: request.operation,
      taskId: request.taskId,
      timeoutSeconds: request.timeoutSeconds ?? 600,
    });
    const answer = fromBinary(ReserveResponseSchema, await this.request(REQUESTS.quotaReserve, toBinary(ReserveRequestSchema, body)));
    if (answer.errorCode !== '') throw new RampartError(refusalCode(answer.errorCode), answer.errorMessage || `Billing refused the reservation (${answer.errorCode})`);
    return { reservationId: answer.reservationId, granted: Number(answer.granted) };
  }

  /** Charges exactly these evaluations of the reservation and releases the rest of it. */
  async post(tenantId: string, reservationId: string, taskId: string, operation: QuotaOperation, usage: readonly UsageLine[]): Promise<void> {
    const body = create(PostRequestSchema, {
      reservationId,
      tenantId,
      units: BigInt(usage.length),
      usage: usage.map((line) => create(UsageRecordSchema, { checkItemId: line.checkItemId, assetId: line.hostId, operation, taskId })),
    });
    const answer = fromBinary(PostResponseSchema, await this.request(REQUESTS.quotaPost, toBinary(PostRequestSchema, body)));
    if (answer.errorCode !== '') throw new RampartError('INTERNAL_SERVER_ERROR', `Billing refused to post ${reservationId} (${answer.errorCode})`);
  }

  async void(tenantId: string, reservationId: string): Promise<void> {
    const body = create(VoidRequestSchema, { reservationId, tenantId });
    const answer = fromBinary(VoidResponseSchema, await this.request(REQUESTS.quotaVoid, toBinary(VoidRequestSchema, body)));
    if (answer.errorCode !== '' && answer.errorCode !== 'NOT_FOUND') {
      throw new RampartError('INTERNAL_SERVER_ERROR', `Billing refused to void ${reservationId} (${answer.errorCode})`);
    }
  }

  private async request(subject: string, data: Uint8Array): Promise<Uint8Array> {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.nats.request(subject, data, { timeout: this.config.entitlementsTimeoutMs })).data;
      } catch (error) {
        if (attempt >= ATTEMPTS) throw new RampartError('INTERNAL_SERVER_ERROR', `Billing did not answer ${subject}`);
      }
    }
  }
}

/** Billing's refusals that mean something to the caller keep their code; anything else is internal. */
function refusalCode(code: string): 'EDITION_NOT_ENTITLED' | 'QUOTA_EXHAUSTED' | 'INTERNAL_SERVER_ERROR' {
  return code === 'EDITION_NOT_ENTITLED' || code === 'QUOTA_EXHAUSTED' ? code : 'INTERNAL_SERVER_ERROR';
}
