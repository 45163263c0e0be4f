import type { EntityManager } from 'typeorm';
import type { TenantDatabase } from '@rampart/platform';
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
 * lock share a transaction (see TenantTransactionBatcher); deadlocks and serialization failures
 * are retried.
 */
export class QuotaService {
  private readonly batcher: TenantTransactionBatcher;

  constructor(
    private readonly database: TenantDatabase,
    options: QuotaServiceOptions = {},
    readonly reservations = new QuotaReservations(options),
  ) {
    this.batcher = new TenantTransactionBatcher(database, options.maxBatch ?? 32);
  }

  reserve(command: ReserveCommand): Promise<ReserveOutcome> {
    return this.batcher.run(command.tenantId, (manager) => this.reservations.reserve(manager, command));
  }

  post(command: PostCommand): Promise<PostOutcome> {
    return this.batcher.run(command.tenantId, (manager) => this.reservations.post(manager, command));
  }

  void(command: VoidCommand): Promise<VoidOutcome> {
    return this.batcher.run(command.tenantId, (manager) => this.reservations.void(manager, command));
  }

  /** Voids one reservation if it is still open and past its timeout (the sweeper's step). */
  expire(tenantId: string, reservationId: string): Promise<boolean> {
    return this.inTenant(tenantId, (manager) => this.reservations.expire(manager, tenantId, reservationId));
  }

  private inTenant<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return withTransactionRetry(() => this.database.run(tenantId, work));
  }
}
