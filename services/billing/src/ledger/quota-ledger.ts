import type { EntityManager } from 'typeorm';
import type { BillingModel, QuotaOperation } from '../entitlements/edition';
import { sql, toNumber } from './sql';
import {
  ACCOUNT_CODES,
  LIMITED_ACCOUNTS,
  type AccountBalance,
  type AccountCode,
  type TenantBalances,
  type TransferCode,
  type TransferKind,
} from './ledger-account';

/** A reservation (pending transfer) with how it was resolved, if it was. */
export interface Reservation {
  id: string;
  debitAccount: AccountCode;
  amount: number;
  requested: number;
  operation: QuotaOperation;
  taskId: string | null;
  model: BillingModel;
  expiresAt: Date;
  createdAt: Date;
  resolution: { id: string; kind: TransferKind; code: TransferCode; amount: number } | null;
  /** Units charged after the reservation had expired (see `chargeLate`). */
  lateCharged: number | null;
}

/** A usage line as a post names it: task and operation default to the reservation's. */
export interface PostedLine {
  checkItemId: string;
  assetId: string;
  taskId?: string;
  operation?: string;
}

/** One charged evaluation: a usage row. */
export interface UsageLine {
  taskId: string;
  checkItemId: string;
  assetId: string;
  operation: QuotaOperation;
}

interface AccountRow {
  code: AccountCode;
  debits_pending: string;
  debits_posted: string;
  credits_pending: string;
  credits_posted: string;
  debits_must_not_exceed_credits: boolean;
}

interface ReservationRow {
  id: string;
  debit_account: AccountCode;
  amount: string;
  requested: string;
  operation: QuotaOperation;
  task_id: string | null;
  model: BillingModel;
  expires_at: Date;
  created_at: Date;
  kind: TransferKind;
  resolution_id: string | null;
  resolution_kind: TransferKind | null;
  resolution_code: TransferCode | null;
  resolution_amount: string | null;
  late_amount: string | null;
}

/**
 * Transfers billing creates itself have ids starting with `~`, a prefix callers' ids may not use,
 * so they never collide with a caller's idempotency key.
 */
export const SYSTEM_ID_PREFIX = '~';

/** Ids of the transfers that resolve a reservation: one of them at most (UNIQUE pending_id). */
export const resolutionIdOf = {
  post: (reservationId: string) => `~post:${reservationId}`,
  void: (reservationId: string) => `~void:${reservationId}`,
  expiry: (reservationId: string) => `~expiry:${reservationId}`,
  late: (reservationId: string) => `~late:${reservationId}`,
};

export function toBalance(row: AccountRow): AccountBalance {
  return {
    code: row.code,
    debitsPending: toNumber(row.debits_pending),
    debitsPosted: toNumber(row.debits_posted),
    creditsPending: toNumber(row.credits_pending),
    creditsPosted: toNumber(row.credits_posted),
    debitsMustNotExceedCredits: row.debits_must_not_exceed_credits,
  };
}

export function toBalances(rows: AccountRow[]): TenantBalances {
  const balances = {} as TenantBalances;
  for (const row of rows) balances[row.code] = toBalance(row);
  for (const code of ACCOUNT_CODES) {
    if (!balances[code]) throw new Error(`Ledger account ${code} is missing`);
  }
  return balances;
}

export const ACCOUNT_COLUMNS = 'code, debits_pending, debits_posted, credits_pending, credits_posted, debits_must_not_exceed_credits';

/**
 * The quota ledger's writes. Every method runs inside the caller's tenant transaction and expects
 * the caller to hold the tenant's lock (`BillingAccountRepository.lock`), which serialises all
 * balance changes of one tenant; the schema (CHECK, primary keys, UNIQUE pending_id) still refuses
 * an overspend, a duplicate transfer or a second resolution if a caller gets that wrong.
 */
export class QuotaLedger {
  /** Creates the tenant's accounts if missing (idempotent). */
  async openAccounts(manager: EntityManager, tenantId: string): Promise<void> {
    await sql(
      manager,
      `INSERT INTO ledger_accounts (tenant_id, code, debits_must_not_exceed_credits)
       SELECT $1, code, code = ANY($3::text[]) FROM unnest($2::text[]) AS code
       ON CONFLICT DO NOTHING`,
      [tenantId, [...ACCOUNT_CODES], [...LIMITED_ACCOUNTS]],
    );
  }

  async balances(manager: EntityManager, tenantId: string): Promise<TenantBalances> {
    const rows = await sql<AccountRow>(manager, `SELECT ${ACCOUNT_COLUMNS} FROM ledger_accounts WHERE tenant_id = $1`, [tenantId]);
    return toBalances(rows);
  }

  /** A single-phase transfer (purchase, trial grant, forfeit). Returns false when the id exists. */
  async transfer(
    manager: EntityManager,
    tenantId: string,
    transfer: { id: string; debit: AccountCode; credit: AccountCode; amount: number; code: TransferCode; at: Date },
  ): Promise<boolean> {
    const [row] = await sql<{ created: number }>(
      manager,
      `WITH t AS (
         INSERT INTO transfers (tenant_id, id, debit_account, credit_account, amount, kind, code, created_at)
         VALUES ($1, $2, $3, $4, $5, 'POSTED', $6, $7)
         ON CONFLICT (tenant_id, id) DO NOTHING
         RETURNING amount
       ), debit AS (
         UPDATE ledger_accounts a SET debits_posted = a.debits_posted + t.amount FROM t WHERE a.tenant_id = $1 AND a.code = $3
       ), credit AS (
         UPDATE ledger_accounts a SET credits_posted = a.credits_posted + t.amount FROM t WHERE a.tenant_id = $1 AND a.code = $4
       )
       SELECT count(*)::int AS created FROM t`,
      [tenantId, transfer.id, transfer.debit, transfer.credit, transfer.amount, transfer.code, transfer.at],
    );
    return row.created === 1;
  }

  /**
   * Holds `amount` units of `debit` for a reservation. Returns false (and changes nothing) when a
   * transfer with this id exists: the caller then answers with the first outcome.
   */
  async reserve(
    manager: EntityManager,
    tenantId: string,
    reservation: {
      id: string;
      debit: AccountCode;
      amount: number;
      requested: number;
      operation: QuotaOperation;
      taskId: string | null;
      model: BillingModel;
      expiresAt: Date;
      at: Date;
    },
  ): Promise<boolean> {
    const [row] = await sql<{ created: number }>(
      manager,
      `WITH pending AS (
         INSERT INTO transfers (tenant_id, id, debit_account, credit_account, amount, kind, code, expires_at,
                                requested, operation, task_id, model, created_at)
         VALUES ($1, $2, $3, 'CONSUMED', $4, 'PENDING', 'RESERVATION', $5, $6, $7, $8, $9, $10)
         ON CONFLICT (tenant_id, id) DO NOTHING
         RETURNING amount
       ), debit AS (
         UPDATE ledger_accounts a SET debits_pending = a.debits_pending + p.amount
         FROM pending p WHERE a.tenant_id = $1 AND a.code = $3
       ), credit AS (
         UPDATE ledger_accounts a SET credits_pending = a.credits_pending + p.amount
         FROM pending p WHERE a.tenant_id = $1 AND a.code = 'CONSUMED'
       ), timeout AS (
         INSERT INTO reservation_timeouts (tenant_id, reservation_id, expires_at) SELECT $1, $2, $5 FROM pending
       )
       SELECT count(*)::int AS created FROM pending`,
      [
        tenantId,
        reservation.id,
        reservation.debit,
        reservation.amount,
        reservation.expiresAt,
        reservation.requested,
        reservation.operation,
        reservation.taskId,
        reservation.model,
        reservation.at,
      ],
      'billing_reserve',
    );
    return row.created === 1;
  }

  /** The transfer `id` if it is a reservation, with its resolution; null when there is none. */
  async findReservation(manager: EntityManager, tenantId: string, id: string): Promise<Reservation | 'NOT_A_RESERVATION' | null> {
    const [row] = await sql<ReservationRow>(
      manager,
      `SELECT p.id, p.debit_account, p.amount, p.requested, p.operation, p.task_id, p.model, p.expires_at,
              p.created_at, p.kind, r.id AS resolution_id, r.kind AS resolution_kind, r.code AS resolution_code,
              r.amount AS resolution_amount, l.amount AS late_amount
       FROM transfers p
       LEFT JOIN transfers r ON r.tenant_id = p.tenant_id AND r.pending_id = p.id
       LEFT JOIN transfers l ON l.tenant_id = p.tenant_id AND l.id = '~late:' || p.id
       WHERE p.tenant_id = $1 AND p.id = $2`,
      [tenantId, id],
    );
    if (!row) return null;
    if (row.kind !== 'PENDING') return 'NOT_A_RESERVATION';
    return {
      id: row.id,
      debitAccount: row.debit_account,
      amount: toNumber(row.amount),
      requested: toNumber(row.requested),
      operation: row.operation,
      taskId: row.task_id,
      model: row.model,
      expiresAt: row.expires_at,
      createdAt: row.created_at,
      resolution:
        row.resolution_id === null
          ? null
          : {
              id: row.resolution_id,
              kind: row.resolution_kind as TransferKind,
              code: row.resolution_code as TransferCode,
              amount: toNumber(row.resolution_amount),
            },
      lateCharged: row.late_amount === null ? null : toNumber(row.late_amount),
    };
  }

  /**
   * Resolves an open reservation by charging the usage lines not charged before (the usage primary
   * key skips the rest) and releasing everything else it held, in one statement. A line without a
   * task or operation takes the reservation's. Returns null, changing nothing, unless the
   * reservation exists, is open, covers `units` and gives every line a task: the caller then finds
   * out which (a repeat, a refusal) with `findReservation`.
   */
  async postOpen(
    manager: EntityManager,
    tenantId: string,
    post: { reservationId: string; units: number; lines: PostedLine[]; at: Date },
  ): Promise<{ posted: number; reserved: number; debitAccount: AccountCode } | null> {
    const [row] = await sql<{ posted: number; reserved: number; debit_account: AccountCode }>(
      manager,
      `WITH p AS (
         SELECT amount, debit_account, task_id, operation FROM transfers
         WHERE tenant_id = $1 AND id = $2 AND kind = 'PENDING' AND amount >= $9
           AND (task_id IS NOT NULL OR NOT $10::boolean)
           AND NOT EXISTS (SELECT 1 FROM transfers r WHERE r.tenant_id = $1 AND r.pending_id = $2)
       ), lines AS (
         SELECT coalesce(nullif(l.task_id, ''), p.task_id) AS task_id, l.check_item_id, l.asset_id,
                coalesce(nullif(l.operation, ''), p.operation) AS operation, min(l.n) AS n
         FROM p, unnest($3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS l(task_id, check_item_id, asset_id, operation, n)
         GROUP BY 1, 2, 3, 4
       ), charged AS (
         -- In the order posted, so the usage history lists a batch as the worker reported it.
         INSERT INTO usage (tenant_id, task_id, check_item_id, asset_id, operation, transfer_id, at)
         SELECT $1, task_id, check_item_id, asset_id, operation, $7, $8 FROM lines ORDER BY n
         ON CONFLICT DO NOTHING
         RETURNING 1
       ), resolution AS (
         INSERT INTO transfers (tenant_id, id, debit_account, credit_account, amount, kind, pending_id, code, created_at)
         SELECT $1, $7, p.debit_account, 'CONSUMED', (SELECT count(*) FROM charged), 'POST_PENDING', $2, 'USAGE', $8 FROM p
         RETURNING amount
       ), debit AS (
         UPDATE ledger_accounts a
         SET debits_pending = a.debits_pending - p.amount, debits_posted = a.debits_posted + r.amount
         FROM resolution r, p WHERE a.tenant_id = $1 AND a.code = p.debit_account
       ), credit AS (
         UPDATE ledger_accounts a
         SET credits_pending = a.credits_pending - p.amount, credits_posted = a.credits_posted + r.amount
         FROM resolution r, p WHERE a.tenant_id = $1 AND a.code = 'CONSUMED'
       ), timeout AS (
         DELETE FROM reservation_timeouts o USING p WHERE o.tenant_id = $1 AND o.reservation_id = $2
       )
       SELECT r.amount::int AS posted, p.amount::int AS reserved, p.debit_account FROM p, resolution r`,
      [
        tenantId,
        post.reservationId,
        post.lines.map((line) => line.taskId ?? ''),
        post.lines.map((line) => line.checkItemId),
        post.lines.map((line) => line.assetId),
        post.lines.map((line) => line.operation ?? ''),
        resolutionIdOf.post(post.reservationId),
        post.at,
        post.units,
        post.lines.some((line) => !line.taskId),
      ],
      'billing_post',
    );
    return row ? { posted: row.posted, reserved: row.reserved, debitAccount: row.debit_account } : null;
  }

  /**
   * Releases a whole reservation (`RELEASE` on request, `EXPIRY` by the sweeper). Returns false when
   * it was already resolved: the insert conflicts on UNIQUE (tenant_id, pending_id) and nothing moves.
   */
  async void(
    manager: EntityManager,
    tenantId: string,
    reservation: Reservation,
    code: 'RELEASE' | 'EXPIRY',
    at: Date,
  ): Promise<boolean> {
    const id = code === 'RELEASE' ? resolutionIdOf.void(reservation.id) : resolutionIdOf.expiry(reservation.id);
    const [row] = await sql<{ voided: number }>(
      manager,
      `WITH resolution AS (
         INSERT INTO transfers (tenant_id, id, debit_account, credit_account, amount, kind, pending_id, code, created_at)
         VALUES ($1, $3, $4, 'CONSUMED', 0, 'VOID_PENDING', $2, $5, $6)
         ON CONFLICT DO NOTHING
         RETURNING 1
       ), debit AS (
         UPDATE ledger_accounts a SET debits_pending = a.debits_pending - $7
         FROM resolution WHERE a.tenant_id = $1 AND a.code = $4
       ), credit AS (
         UPDATE ledger_accounts a SET credits_pending = a.credits_pending - $7
         FROM resolution WHERE a.tenant_id = $1 AND a.code = 'CONSUMED'
       ), timeout AS (
         DELETE FROM reservation_timeouts WHERE tenant_id = $1 AND reservation_id = $2
       )
       SELECT count(*)::int AS voided FROM resolution`,
      [tenantId, reservation.id, id, reservation.debitAccount, code, at, reservation.amount],
    );
    return row.voided === 1;
  }

  /**
   * Charges usage reported after its reservation expired, as a direct transfer from the account
   * the reservation drew on, for at most `limit` lines not charged before. Once per reservation:
   * the caller checks `lateCharged` first, and a second insert of the id fails.
   */
  async chargeLate(
    manager: EntityManager,
    tenantId: string,
    reservation: Reservation,
    lines: UsageLine[],
    limit: number,
    at: Date,
  ): Promise<number> {
    const [row] = await sql<{ posted: number }>(
      manager,
      `WITH lines AS (
         SELECT DISTINCT task_id, check_item_id, asset_id, operation
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS l(task_id, check_item_id, asset_id, operation)
       ), uncharged AS (
         SELECT * FROM lines l
         WHERE NOT EXISTS (SELECT 1 FROM usage u WHERE u.tenant_id = $1 AND u.task_id = l.task_id
                             AND u.check_item_id = l.check_item_id AND u.asset_id = l.asset_id AND u.operation = l.operation)
         ORDER BY task_id, check_item_id, asset_id, operation
         LIMIT $9
       ), charged AS (
         INSERT INTO usage (tenant_id, task_id, check_item_id, asset_id, operation, transfer_id, at)
         SELECT $1, task_id, check_item_id, asset_id, operation, $6, $7 FROM uncharged
         RETURNING 1
       ), t AS (
         INSERT INTO transfers (tenant_id, id, debit_account, credit_account, amount, kind, code, created_at)
         SELECT $1, $6, $8, 'CONSUMED', count(*), 'POSTED', 'LATE_USAGE', $7 FROM charged
         RETURNING amount
       ), debit AS (
         UPDATE ledger_accounts a SET debits_posted = a.debits_posted + t.amount FROM t WHERE a.tenant_id = $1 AND a.code = $8
       ), credit AS (
         UPDATE ledger_accounts a SET credits_posted = a.credits_posted + t.amount FROM t WHERE a.tenant_id = $1 AND a.code = 'CONSUMED'
       )
       SELECT coalesce((SELECT amount FROM t), 0)::int AS posted`,
      [
        tenantId,
        lines.map((line) => line.taskId),
        lines.map((line) => line.checkItemId),
        lines.map((line) => line.assetId),
        lines.map((line) => line.operation),
        resolutionIdOf.late(reservation.id),
        at,
        reservation.debitAccount,
        limit,
      ],
    );
    return row.posted;
  }
}
