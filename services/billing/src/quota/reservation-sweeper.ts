import type { Logger, TenantDatabase } from '@rampart/platform';
import { sql } from '../ledger/sql';
import { QuotaService } from './quota.service';

export interface ReservationSweeperOptions {
  clock?: () => Date;
  /** Due reservations claimed per round trip. */
  batchSize?: number;
  /** How long a claim keeps other replicas off a reservation (a crashed sweeper's claims lapse). */
  leaseSeconds?: number;
  logger?: Pick<Logger, 'error'>;
}

/**
 * Voids reservations nobody posted or voided before their timeout, so abandoned batches give their
 * units back. Safe on every replica at once: a replica claims due rows of the non-RLS
 * `reservation_timeouts` table with `FOR UPDATE SKIP LOCKED` and a short lease (so replicas take
 * disjoint sets and never wait on each other), then voids each in that tenant's own RLS-scoped
 * transaction under the tenant lock; UNIQUE (tenant_id, pending_id) on transfers makes a second
 * resolution impossible even if two replicas ever reached the same reservation.
 */
export class ReservationSweeper {
  private readonly clock: () => Date;
  private readonly batchSize: number;
  private readonly leaseSeconds: number;
  private readonly quota: QuotaService;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<unknown> = Promise.resolve();
  private stopped = true;

  constructor(
    private readonly database: TenantDatabase,
    private readonly options: ReservationSweeperOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.batchSize = options.batchSize ?? 200;
    this.leaseSeconds = options.leaseSeconds ?? 60;
    this.quota = new QuotaService(database, { clock: this.clock });
  }

  /** Expires everything due now; returns how many reservations this replica voided. */
  async sweepOnce(): Promise<number> {
    let voided = 0;
    for (;;) {
      const due = await this.claimDue();
      for (const { tenant_id: tenantId, reservation_id: reservationId } of due) {
        if (await this.quota.expire(tenantId, reservationId)) voided++;
      }
      if (due.length < this.batchSize) return voided;
    }
  }

  /** Sweeps every `intervalMs` until `stop()`. */
  start(intervalMs = 10_000): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = () => {
      this.round = this.sweepOnce()
        .catch((error: unknown) => this.options.logger?.error({ err: error }, 'reservation sweep failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, intervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.round;
  }

  private claimDue(): Promise<Array<{ tenant_id: string; reservation_id: string }>> {
    const now = this.clock();
    return this.database.runUnscoped((manager) =>
      sql<{ tenant_id: string; reservation_id: string }>(
        manager,
        `UPDATE reservation_timeouts t SET claimed_until = $2
         FROM (
           SELECT tenant_id, reservation_id FROM reservation_timeouts
           WHERE expires_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
           ORDER BY expires_at
           LIMIT $3
           FOR UPDATE SKIP LOCKED
         ) due
         WHERE t.tenant_id = due.tenant_id AND t.reservation_id = due.reservation_id
         RETURNING t.tenant_id, t.reservation_id`,
        [now, new Date(now.getTime() + this.leaseSeconds * 1000), this.batchSize],
      ),
    );
  }
}
