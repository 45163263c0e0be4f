import type { EntityManager } from 'typeorm';
import type { TenantDatabase } from '@rampart/platform';
import { applyQuotaCalls, type QuotaAnswer, type QuotaCall } from './quota-calls';
import {
  QuotaReservations,
  type PostCommand,
  type PostOutcome,
  type QuotaReservationsOptions,
  type ReserveCommand,
  type ReserveOutcome,
  type VoidCommand,
  type VoidOutcome,
} from './quota-reservations';
import { TenantTransactionBatcher } from './tenant-transaction-batcher';
import { withTransactionRetry } from './transaction-retry';

export interface QuotaServiceOptions extends QuotaReservationsOptions {
  /** Most calls of one tenant committed together (group commit); 1 = a transaction per call. */
  maxBatch?: number;
}

/**
 * Quota reservations in tenant transactions: calls of the same tenant that queue up behind its
 * lock share a transaction and, mostly, a statement (see TenantTransactionBatcher and
 * applyQuotaCalls); deadlocks and serialization failures are retried.
 */
export class QuotaService {
  private readonly batcher: TenantTransactionBatcher<QuotaCall, QuotaAnswer>;

  constructor(
    private readonly database: TenantDatabase,
    options: QuotaServiceOptions = {},
    readonly reservations = new QuotaReservations(options),
  ) {
    this.batcher = new TenantTransactionBatcher(
      database,
      {
        prepare: (manager, tenantId) => this.reservations.lockTenant(manager, tenantId),
        apply: (manager, tenantId, calls) => applyQuotaCalls(this.reservations, manager, tenantId, calls),
      },
      options.maxBatch,
    );
  }

  reserve(command: ReserveCommand): Promise<ReserveOutcome> {
    return this.batcher.run(command.tenantId, { kind: 'reserve', command }) as Promise<ReserveOutcome>;
  }

  post(command: PostCommand): Promise<PostOutcome> {
    return this.batcher.run(command.tenantId, { kind: 'post', command }) as Promise<PostOutcome>;
  }

  void(command: VoidCommand): Promise<VoidOutcome> {
    return this.batcher.run(command.tenantId, { kind: 'void', command }) as Promise<VoidOutcome>;
  }

  /** Voids one reservation if it is still open and past its timeout (the sweeper's step). */
  expire(tenantId: string, reservationId: string): Promise<boolean> {
    return this.inTenant(tenantId, (manager) => this.reservations.expire(manager, tenantId, reservationId));
  }

  private inTenant<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return withTransactionRetry(() => this.database.run(tenantId, work));
  }
}
