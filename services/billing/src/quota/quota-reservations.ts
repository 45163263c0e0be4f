import type { EntityManager } from 'typeorm';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { EVENTS, QuotaExhaustedSchema } from '@rampart/contracts';
import { publishInTransaction } from '@rampart/messaging';
import {
  BadUserInputError,
  ConflictError,
  EditionNotEntitledError,
  NotFoundError,
  TENANT_ID_PATTERN,
} from '@rampart/platform';
import { BillingAccountRepository, type LockedTenant } from '../accounts/billing-account.repository';
import { isQuotaOperation, type BillingModel, type QuotaOperation } from '../entitlements/edition';
import { entitlementsOf, permitsConfigCheckOperation } from '../entitlements/tenant-entitlements';
import { availableOf } from '../ledger/ledger-account';
import { BulkQuotaLedger } from '../ledger/bulk-quota-ledger';
import { QuotaLedger, SYSTEM_ID_PREFIX, type Reservation, type UsageLine } from '../ledger/quota-ledger';
import { unitsGranted } from './billing-rules';

export interface ReserveCommand {
  /** Idempotency key: the same id always gets the same grant. */
  id: string;
  tenantId: string;
  units: number;
  operation: string;
  taskId?: string;
  /** Seconds before the sweeper voids the reservation if nobody posts or voids it. */
  timeoutSeconds?: number;
}

export interface ReserveOutcome {
  reservationId: string;
  granted: number;
  /** Quota left after this reservation; 0 on pay-as-you-go (no limit) and without CSPM. */
  remaining: number;
  model: BillingModel;
}

export interface UsageInput {
  checkItemId: string;
  assetId: string;
  /** Defaults to the reservation's operation. */
  operation?: string;
  /** Defaults to the reservation's task. */
  taskId?: string;
}

export interface PostCommand {
  reservationId: string;
  tenantId: string;
  /** Units to charge: exactly one usage line each, at most the units granted. */
  units: number;
  usage: UsageInput[];
}

export interface PostOutcome {
  reservationId: string;
  posted: number;
  released: number;
}

export interface VoidCommand {
  reservationId: string;
  tenantId: string;
}

export interface VoidOutcome {
  reservationId: string;
  released: number;
}

export interface QuotaReservationsOptions {
  clock?: () => Date;
  defaultTimeoutSeconds?: number;
  maxTimeoutSeconds?: number;
}

const MAX_ID_LENGTH = 128;
const MAX_UNITS_PER_RESERVATION = 1_000_000;

/**
 * Reservations against a tenant's quota (DESIGN §3–4), inside the caller's tenant transaction:
 * reserve holds units for a batch, post charges exactly the evaluations that were paid and releases
 * the rest, void releases everything, expire is the sweeper's void. Each takes the tenant's lock
 * first and is idempotent under retries with the same id.
 */
export class QuotaReservations {
  /**
   * The tenant as locked and settled in a transaction, kept up to date by every write below, so
   * calls batched into one transaction lock and read the tenant once (keyed by its EntityManager).
   */
  private readonly locked = new WeakMap<EntityManager, LockedTenant>();
  private readonly clock: () => Date;
  private readonly defaultTimeoutSeconds: number;
  private readonly maxTimeoutSeconds: number;

  constructor(
    options: QuotaReservationsOptions = {},
    private readonly accounts = new BillingAccountRepository(),
    private readonly ledger = new QuotaLedger(),
    private readonly bulk = new BulkQuotaLedger(),
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.defaultTimeoutSeconds = options.defaultTimeoutSeconds ?? 600;
    this.maxTimeoutSeconds = options.maxTimeoutSeconds ?? 24 * 3600;
  }

  /** Takes the tenant's lock for the calls that follow in this transaction. */
  async lockTenant(manager: EntityManager, tenantId: string): Promise<void> {
    await this.lock(manager, tenantId, this.clock());
  }

  private async lock(manager: EntityManager, tenantId: string, now: Date): Promise<LockedTenant> {
    const held = this.locked.get(manager);
    const ended = held?.plan.subscriptionEndsAt != null && held.plan.subscriptionEndsAt <= now;
    if (held && held.tenantId === tenantId && !ended) return held;
    return this.remember(manager, await this.accounts.lock(manager, tenantId, now));
  }

  private remember(manager: EntityManager, tenant: LockedTenant): LockedTenant {
    this.locked.set(manager, tenant);
    return tenant;
  }

  /** The tenant after QUOTA's pending and posted debits moved by these amounts. */
  private moved(tenant: LockedTenant, pending: number, posted: number): LockedTenant {
    const quota = { ...tenant.quota, debitsPending: tenant.quota.debitsPending + pending, debitsPosted: tenant.quota.debitsPosted + posted };
    return { ...tenant, quota };
  }

  /** After QUOTA released units: settles again if that matters, and remembers the result. */
  private async released(manager: EntityManager, tenant: LockedTenant, now: Date): Promise<void> {
    this.remember(manager, await this.accounts.settleAfterRelease(manager, tenant, now));
  }

  /** Voids one reservation if it is still open and past its timeout. */
  async expire(manager: EntityManager, tenantId: string, reservationId: string): Promise<boolean> {
    const now = this.clock();
    const tenant = await this.lock(manager, tenantId, now);
    const reservation = await this.ledger.findReservation(manager, tenantId, reservationId);
    if (reservation === null || reservation === 'NOT_A_RESERVATION' || reservation.resolution !== null) {
      // Resolved meanwhile: the resolution removed its timeout; drop any stray one.
      await manager.query('DELETE FROM reservation_timeouts WHERE tenant_id = $1 AND reservation_id = $2', [tenantId, reservationId]);
      return false;
    }
    if (reservation.expiresAt > now) return false;
    const voided = await this.ledger.void(manager, tenantId, reservation, 'EXPIRY', now);
    if (voided && reservation.debitAccount === 'QUOTA') await this.released(manager, this.moved(tenant, -reservation.amount, 0), now);
    return voided;
  }

  async reserve(manager: EntityManager, command: ReserveCommand): Promise<ReserveOutcome> {
    this.validateReserve(command);
    const now = this.clock();
    const operation = command.operation as QuotaOperation;
    const tenant = await this.lock(manager, command.tenantId, now);
    const entitlements = entitlementsOf(command.tenantId, tenant.plan, now);
    if (!permitsConfigCheckOperation(entitlements, operation)) {
      // A retry of a reservation granted before the plan changed still gets its first answer.
      const existing = await this.ledger.findReservation(manager, command.tenantId, command.id);
      if (existing !== null) return this.repeatOutcome(existing, command, tenant);
      throw new EditionNotEntitledError(`The ${entitlements.edition} edition without the CSPM service does not include ${operation}`);
    }
    const model = tenant.plan.model;
    const available = availableOf(tenant.quota);
    const granted = unitsGranted(model, command.units, available);
    const debit = model === 'PAY_AS_YOU_GO' ? 'PAY_AS_YOU_GO' : 'QUOTA';
    const created = await this.ledger.reserve(manager, command.tenantId, {
      id: command.id,
      debit,
      amount: granted,
      requested: command.units,
      operation,
      taskId: command.taskId || null,
      model,
      expiresAt: new Date(now.getTime() + (command.timeoutSeconds || this.defaultTimeoutSeconds) * 1000),
      at: now,
    });
    if (!created) {
      return this.repeatOutcome(await this.ledger.findReservation(manager, command.tenantId, command.id), command, tenant);
    }
    let after = debit === 'QUOTA' ? this.moved(tenant, granted, 0) : tenant;
    const remaining = model === 'SUBSCRIPTION' ? available - granted : 0;
    if (model === 'SUBSCRIPTION' && remaining === 0 && command.units > 0 && tenant.quotaExhaustedAt === null) {
      await this.markExhausted(manager, command.tenantId, command.id, now);
      after = { ...after, quotaExhaustedAt: now };
    }
    this.remember(manager, after);
    return { reservationId: command.id, granted, remaining, model };
  }

  /**
   * Reserves for many calls of one tenant in one statement, as `reserve` would one after the other
   * in this order. Each call must be valid (`validateReserve`) with a distinct id. Answers the calls
   * that created their reservation; the others (a repeated id, an operation the plan does not
   * permit) are left undefined for `reserve`.
   */
  async reserveAll(manager: EntityManager, tenantId: string, commands: ReserveCommand[]): Promise<Array<ReserveOutcome | undefined>> {
    const now = this.clock();
    const tenant = await this.lock(manager, tenantId, now);
    const entitlements = entitlementsOf(tenantId, tenant.plan, now);
    const model = tenant.plan.model;
    const debit = model === 'PAY_AS_YOU_GO' ? 'PAY_AS_YOU_GO' : 'QUOTA';
    const available = availableOf(tenant.quota);
    const permitted = commands.filter((command) => permitsConfigCheckOperation(entitlements, command.operation as QuotaOperation));
    if (permitted.length === 0) return commands.map(() => undefined);
    const granted = await this.bulk.reserveAll(manager, tenantId, {
      model,
      debit,
      available,
      at: now,
      reservations: permitted.map((command) => ({
        id: command.id,
        requested: command.units,
        operation: command.operation as QuotaOperation,
        taskId: command.taskId || null,
        expiresAt: new Date(now.getTime() + (command.timeoutSeconds || this.defaultTimeoutSeconds) * 1000),
      })),
    });
    let held = 0;
    let exhaustedBy: string | null = null;
    const outcomes = commands.map((command): ReserveOutcome | undefined => {
      const units = granted.get(command.id);
      if (units === undefined) return undefined;
      held += units;
      const remaining = model === 'SUBSCRIPTION' ? available - held : 0;
      if (model === 'SUBSCRIPTION' && remaining === 0 && command.units > 0 && exhaustedBy === null) exhaustedBy = command.id;
      return { reservationId: command.id, granted: units, remaining, model };
    });
    let after = debit === 'QUOTA' ? this.moved(tenant, held, 0) : tenant;
    if (exhaustedBy !== null && tenant.quotaExhaustedAt === null) {
      await this.markExhausted(manager, tenantId, exhaustedBy, now);
      after = { ...after, quotaExhaustedAt: now };
    }
    this.remember(manager, after);
    return outcomes;
  }

  /**
   * Posts many calls of one tenant in one statement. Each call must be valid (`validatePost`) and
   * name a distinct reservation. Answers the calls whose reservation was open and covered the post;
   * the others (a repeat, a late post, a refusal) are left undefined for `post`.
   */
  async postAll(manager: EntityManager, tenantId: string, commands: PostCommand[]): Promise<Array<PostOutcome | undefined>> {
    const now = this.clock();
    const tenant = await this.lock(manager, tenantId, now);
    const done = await this.bulk.postAll(
      manager,
      tenantId,
      commands.map((command) => ({ reservationId: command.reservationId, units: command.units, lines: command.usage })),
      now,
    );
    let reserved = 0;
    let posted = 0;
    for (const outcome of done.values()) {
      if (outcome.debitAccount !== 'QUOTA') continue;
      reserved += outcome.reserved;
      posted += outcome.posted;
    }
    const after = this.moved(tenant, -reserved, posted);
    if (posted < reserved) await this.released(manager, after, now);
    else this.remember(manager, after);
    return commands.map((command) => {
      const outcome = done.get(command.reservationId);
      return outcome && { reservationId: command.reservationId, posted: outcome.posted, released: outcome.reserved - outcome.posted };
    });
  }

  async post(manager: EntityManager, command: PostCommand): Promise<PostOutcome> {
    validatePost(command);
    const now = this.clock();
    const tenant = await this.lock(manager, command.tenantId, now);
    const done = await this.ledger.postOpen(manager, command.tenantId, {
      reservationId: command.reservationId,
      units: command.units,
      lines: command.usage,
      at: now,
    });
    if (done) {
      if (done.debitAccount === 'QUOTA') {
        const after = this.moved(tenant, -done.reserved, done.posted);
        if (done.posted < done.reserved) await this.released(manager, after, now);
        else this.remember(manager, after);
      }
      return { reservationId: command.reservationId, posted: done.posted, released: done.reserved - done.posted };
    }
    // Not an open reservation that covers the post: a repeat, a late post or a refusal.
    const reservation = await this.openedReservation(manager, command.tenantId, command.reservationId);
    const resolution = reservation.resolution;
    if (resolution?.code === 'USAGE') {
      return { reservationId: reservation.id, posted: resolution.amount, released: reservation.amount - resolution.amount };
    }
    if (resolution?.code === 'RELEASE') throw new ConflictError('The reservation was voided; reserve again');
    if (command.units > reservation.amount) {
      throw new BadUserInputError(`units (${command.units}) exceed the ${reservation.amount} units granted`, 'units');
    }
    const lines = usageLinesOf(command, reservation);
    if (resolution?.code === 'EXPIRY') return this.postLate(manager, tenant, reservation, lines, now);
    throw new Error(`Reservation ${reservation.id} is open but could not be posted`);
  }

  async void(manager: EntityManager, command: VoidCommand): Promise<VoidOutcome> {
    validateReservationRef(command);
    const now = this.clock();
    const tenant = await this.lock(manager, command.tenantId, now);
    const reservation = await this.openedReservation(manager, command.tenantId, command.reservationId);
    if (reservation.resolution?.code === 'USAGE') {
      throw new ConflictError('The reservation was already posted');
    }
    if (reservation.resolution === null) {
      await this.ledger.void(manager, command.tenantId, reservation, 'RELEASE', now);
      if (reservation.debitAccount === 'QUOTA') await this.released(manager, this.moved(tenant, -reservation.amount, 0), now);
    }
    return { reservationId: reservation.id, released: reservation.amount };
  }

  /** Usage that arrives after its reservation expired is still charged, as far as the account allows. */
  private async postLate(
    manager: EntityManager,
    tenant: LockedTenant,
    reservation: Reservation,
    lines: UsageLine[],
    now: Date,
  ): Promise<PostOutcome> {
    if (reservation.lateCharged !== null) return { reservationId: reservation.id, posted: reservation.lateCharged, released: 0 };
    const limit = reservation.debitAccount === 'QUOTA' ? availableOf(tenant.quota) : lines.length;
    const posted = await this.ledger.chargeLate(manager, tenant.tenantId, reservation, lines, limit, now);
    if (reservation.debitAccount === 'QUOTA') this.remember(manager, this.moved(tenant, 0, posted));
    return { reservationId: reservation.id, posted, released: 0 };
  }

  private async openedReservation(manager: EntityManager, tenantId: string, id: string): Promise<Reservation> {
    const reservation = await this.ledger.findReservation(manager, tenantId, id);
    if (reservation === null) throw new NotFoundError('Reservation');
    if (reservation === 'NOT_A_RESERVATION') throw new BadUserInputError('Not a reservation id', 'reservationId');
    return reservation;
  }

  private repeatOutcome(
    existing: Reservation | 'NOT_A_RESERVATION' | null,
    command: ReserveCommand,
    tenant: LockedTenant,
  ): ReserveOutcome {
    if (existing === null || existing === 'NOT_A_RESERVATION') throw new ConflictError('The id is used by another transfer');
    if (existing.requested !== command.units || existing.operation !== command.operation) {
      throw new ConflictError('The reservation id was used with different units or operation');
    }
    const remaining = existing.model === 'SUBSCRIPTION' ? availableOf(tenant.quota) : 0;
    return { reservationId: existing.id, granted: existing.amount, remaining, model: existing.model };
  }

  private async markExhausted(manager: EntityManager, tenantId: string, reservationId: string, now: Date): Promise<void> {
    await this.accounts.update(manager, tenantId, { quotaExhaustedAt: now });
    await publishInTransaction(
      manager,
      EVENTS.quotaExhausted,
      tenantId,
      create(QuotaExhaustedSchema, { tenantId, reservationId, occurredAt: timestampFromDate(now) }),
    );
  }

  validateReserve(command: ReserveCommand): void {
    validateTenant(command.tenantId);
    validateId(command.id, 'id');
    if (!Number.isSafeInteger(command.units) || command.units < 0 || command.units > MAX_UNITS_PER_RESERVATION) {
      throw new BadUserInputError(`units must be an integer from 0 to ${MAX_UNITS_PER_RESERVATION}`, 'units');
    }
    if (!isQuotaOperation(command.operation)) throw new BadUserInputError('operation must be SCAN, VERIFY or FIX', 'operation');
    const timeout = command.timeoutSeconds ?? 0;
    if (!Number.isInteger(timeout) || timeout < 0 || timeout > this.maxTimeoutSeconds) {
      throw new BadUserInputError(`timeoutSeconds must be from 1 to ${this.maxTimeoutSeconds} (0 = default)`, 'timeoutSeconds');
    }
    if (command.taskId !== undefined && command.taskId.length > 200) throw new BadUserInputError('taskId is too long', 'taskId');
  }
}

function validateTenant(tenantId: string): void {
  if (typeof tenantId !== 'string' || !TENANT_ID_PATTERN.test(tenantId)) throw new BadUserInputError('Invalid tenant id', 'tenantId');
}

function validateId(id: string, path: string): void {
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH) {
    throw new BadUserInputError(`${path} must be 1 to ${MAX_ID_LENGTH} characters`, path);
  }
  if (id.startsWith(SYSTEM_ID_PREFIX)) throw new BadUserInputError(`${path} may not start with ${SYSTEM_ID_PREFIX}`, path);
}

function validateReservationRef(command: { tenantId: string; reservationId: string }): void {
  validateTenant(command.tenantId);
  validateId(command.reservationId, 'reservationId');
}

export function validatePost(command: PostCommand): void {
  validateReservationRef(command);
  if (!Number.isSafeInteger(command.units) || command.units < 0) throw new BadUserInputError('units must be a non-negative integer', 'units');
  if (command.units !== command.usage.length) {
    throw new BadUserInputError(`units (${command.units}) must equal the number of usage records (${command.usage.length})`, 'units');
  }
  command.usage.forEach((line, index) => {
    for (const field of ['checkItemId', 'assetId'] as const) {
      const value = line[field];
      if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
        throw new BadUserInputError(`${field} is required`, `usage[${index}].${field}`);
      }
    }
    if (line.operation && !isQuotaOperation(line.operation)) {
      throw new BadUserInputError('operation must be SCAN, VERIFY or FIX', `usage[${index}].operation`);
    }
  });
}

function usageLinesOf(command: PostCommand, reservation: Reservation): UsageLine[] {
  return command.usage.map((line, index) => {
    const taskId = line.taskId || reservation.taskId;
    if (!taskId) throw new BadUserInputError('taskId is required (the reservation has none)', `usage[${index}].taskId`);
    return {
      taskId,
      checkItemId: line.checkItemId,
      assetId: line.assetId,
      operation: (line.operation || reservation.operation) as QuotaOperation,
    };
  });
}
