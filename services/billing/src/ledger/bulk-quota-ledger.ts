import type { EntityManager } from 'typeorm';
import type { BillingModel, QuotaOperation } from '../entitlements/edition';
import type { AccountCode } from './ledger-account';
import { resolutionIdOf, type PostedLine } from './quota-ledger';
import { sql } from './sql';

export interface NewReservation {
  id: string;
  requested: number;
  operation: QuotaOperation;
  taskId: string | null;
  expiresAt: Date;
}

export interface OpenPost {
  reservationId: string;
  units: number;
  lines: PostedLine[];
}

/**
 * The hot path of `QuotaLedger` for many calls of one tenant at once: one statement holds every
 * new reservation of a group commit, one statement posts every open reservation of it, so a batch
 * costs one round trip and one update of each account row instead of one per call. Same schema,
 * same guarantees (CHECK, primary keys, UNIQUE pending_id); the caller holds the tenant's lock and
 * passes distinct ids. What a statement does not apply (a repeated id, a reservation that is not
 * open or does not cover the post) is left out of its answer for the caller's one-by-one path.
 * Each lookup is written as a primary-key probe per call (a fenced subquery: `OFFSET 0`, or
 * ordered by the key with `LIMIT 1`): on a young table without statistics the planner would
 * otherwise scan or hash the tenant's whole history.
 */
export class BulkQuotaLedger {
  /**
   * Inserts the reservations whose id is new, in order, granting as `unitsGranted` would one after
   * the other from `available` (a subscription fills requests until the quota runs out). Returns
   * the grant of each reservation created.
   */
  async reserveAll(
    manager: EntityManager,
    tenantId: string,
    batch: { model: BillingModel; debit: AccountCode; available: number; at: Date; reservations: NewReservation[] },
  ): Promise<Map<string, number>> {
    const rows = await sql<{ id: string; granted: number }>(
      manager,
      `WITH requested AS (
         SELECT r.id, r.requested, r.operation, r.task_id, r.expires_at, r.n,
                sum(r.requested) OVER (ORDER BY r.n) AS through
         FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::timestamptz[])
              WITH ORDINALITY AS r(id, requested, operation, task_id, expires_at, n)
         WHERE NOT EXISTS (SELECT 1 FROM transfers t WHERE t.tenant_id = $1 AND t.id = r.id OFFSET 0)
       ), pending AS (
         INSERT INTO transfers (tenant_id, id, debit_account, credit_account, amount, kind, code, expires_at,
                                requested, operation, task_id, model, created_at)
         SELECT $1, id, $8, 'CONSUMED',
                CASE $7::text
                  WHEN 'SUBSCRIPTION' THEN least(through, $9::bigint) - least(through - requested, $9::bigint)
                  WHEN 'PAY_AS_YOU_GO' THEN requested
                  ELSE 0
                END,
                'PENDING', 'RESERVATION', expires_at, requested, operation, task_id, $7, $10
         FROM requested ORDER BY n
         ON CONFLICT (tenant_id, id) DO NOTHING
         RETURNING id, amount, expires_at
       ), total AS (
         SELECT sum(amount) AS amount FROM pending
       ), debit AS (
         UPDATE ledger_accounts a SET debits_pending = a.debits_pending + total.amount
         FROM total WHERE a.tenant_id = $1 AND a.code = $8 AND total.amount > 0
       ), credit AS (
         UPDATE ledger_accounts a SET credits_pending = a.credits_pending + total.amount
         FROM total WHERE a.tenant_id = $1 AND a.code = 'CONSUMED' AND total.amount > 0
       ), timeout AS (
         INSERT INTO reservation_timeouts (tenant_id, reservation_id, expires_at) SELECT $1, id, expires_at FROM pending
       )
       SELECT id, amount::int AS granted FROM pending`,
      [
        tenantId,
        batch.reservations.map((reservation) => reservation.id),
        batch.reservations.map((reservation) => reservation.requested),
        batch.reservations.map((reservation) => reservation.operation),
        batch.reservations.map((reservation) => reservation.taskId),
        batch.reservations.map((reservation) => reservation.expiresAt),
        batch.model,
        batch.debit,
        Math.max(0, batch.available),
        batch.at,
      ],
      'billing_reserve_all',
    );
    return new Map(rows.map((row) => [row.id, row.granted]));
  }

  /**
   * Posts every open reservation that covers its post, as `QuotaLedger.postOpen` does for one: the
   * usage lines not charged before (by this statement's earlier posts either) become usage rows,
   * the rest of each reservation is released. Returns the outcome per reservation posted.
   */
  async postAll(
    manager: EntityManager,
    tenantId: string,
    posts: OpenPost[],
    at: Date,
  ): Promise<Map<string, { posted: number; reserved: number; debitAccount: AccountCode }>> {
    const lines = posts.flatMap((post, index) => post.lines.map((line) => ({ index: index + 1, line })));
    const rows = await sql<{ id: string; posted: number; reserved: number; debit_account: AccountCode }>(
      manager,
      `WITH p AS (
         SELECT q.k, t.id, q.resolution_id, t.amount, t.debit_account, t.task_id, t.operation
         FROM unnest($2::text[], $3::text[], $4::bigint[], $5::boolean[]) WITH ORDINALITY AS q(id, resolution_id, units, needs_task, k)
         CROSS JOIN LATERAL (
           SELECT * FROM transfers t WHERE t.tenant_id = $1 AND t.id = q.id ORDER BY t.tenant_id, t.id LIMIT 1
         ) t
         WHERE t.kind = 'PENDING' AND t.amount >= q.units AND (t.task_id IS NOT NULL OR NOT q.needs_task)
           AND NOT EXISTS (SELECT 1 FROM transfers r WHERE r.tenant_id = $1 AND r.pending_id = t.id OFFSET 0)
       ), lines AS (
         -- Each evaluation once, charged to the first post that names it (lines arrive post by post).
         SELECT coalesce(nullif(l.task_id, ''), p.task_id) AS task_id, l.check_item_id, l.asset_id,
                coalesce(nullif(l.operation, ''), p.operation) AS operation, min(l.k) AS k, min(l.n) AS n
         FROM unnest($6::int[], $7::text[], $8::text[], $9::text[], $10::text[]) WITH ORDINALITY AS l(k, task_id, check_item_id, asset_id, operation, n)
         JOIN p ON p.k = l.k
         GROUP BY 1, 2, 3, 4
       ), charged AS (
         -- Not ON CONFLICT: under the tenant's lock no other transaction inserts this tenant's usage,
         -- so a probe suffices and saves the speculative insertion (a third of the insert's cost);
         -- the primary key still refuses a second charge. In the order posted, so the usage history
         -- lists a batch as the worker reported it.
         INSERT INTO usage (tenant_id, task_id, check_item_id, asset_id, operation, transfer_id, at)
         SELECT $1, task_id, check_item_id, asset_id, operation, ($3::text[])[k], $11 FROM lines
         WHERE NOT EXISTS (
           SELECT 1 FROM usage u WHERE u.tenant_id = $1 AND u.task_id = lines.task_id AND u.check_item_id = lines.check_item_id
             AND u.asset_id = lines.asset_id AND u.operation = lines.operation OFFSET 0)
         ORDER BY n
         RETURNING transfer_id
       ), resolution AS (
         INSERT INTO transfers (tenant_id, id, debit_account, credit_account, amount, kind, pending_id, code, created_at)
         SELECT $1, p.resolution_id, p.debit_account, 'CONSUMED', coalesce(c.rows, 0), 'POST_PENDING', p.id, 'USAGE', $11
         FROM p LEFT JOIN (SELECT transfer_id, count(*) AS rows FROM charged GROUP BY transfer_id) c ON c.transfer_id = p.resolution_id
         RETURNING pending_id, amount
       ), moved AS (
         SELECT p.id, p.debit_account, p.amount AS reserved, r.amount AS posted FROM p JOIN resolution r ON r.pending_id = p.id
       ), debit AS (
         UPDATE ledger_accounts a
         SET debits_pending = a.debits_pending - s.reserved, debits_posted = a.debits_posted + s.posted
         FROM (SELECT debit_account, sum(reserved) AS reserved, sum(posted) AS posted FROM moved GROUP BY debit_account) s
         WHERE a.tenant_id = $1 AND a.code = s.debit_account
       ), credit AS (
         UPDATE ledger_accounts a
         SET credits_pending = a.credits_pending - s.reserved, credits_posted = a.credits_posted + s.posted
         FROM (SELECT sum(reserved) AS reserved, sum(posted) AS posted FROM moved) s
         WHERE a.tenant_id = $1 AND a.code = 'CONSUMED' AND s.reserved IS NOT NULL
       ), timeout AS (
         DELETE FROM reservation_timeouts o USING p WHERE o.tenant_id = $1 AND o.reservation_id = p.id
       )
       SELECT id, posted::int AS posted, reserved::int AS reserved, debit_account FROM moved`,
      [
        tenantId,
        posts.map((post) => post.reservationId),
        posts.map((post) => resolutionIdOf.post(post.reservationId)),
        posts.map((post) => post.units),
        posts.map((post) => post.lines.some((line) => !line.taskId)),
        lines.map(({ index }) => index),
        lines.map(({ line }) => line.taskId ?? ''),
        lines.map(({ line }) => line.checkItemId),
        lines.map(({ line }) => line.assetId),
        lines.map(({ line }) => line.operation ?? ''),
        at,
      ],
      'billing_post_all',
    );
    return new Map(rows.map((row) => [row.id, { posted: row.posted, reserved: row.reserved, debitAccount: row.debit_account }]));
  }
}
