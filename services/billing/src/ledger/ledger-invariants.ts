import type { EntityManager } from 'typeorm';
import type { TenantDatabase } from '@rampart/platform';
import { sql, toNumber } from './sql';

export interface LedgerInvariantOptions {
  /** When given, a reservation still open after its timeout at this instant is a violation. */
  sweptAt?: Date;
}

interface AccountCheckRow {
  code: string;
  debits_pending: string;
  debits_posted: string;
  credits_pending: string;
  credits_posted: string;
  debits_must_not_exceed_credits: boolean;
  sum_debits_pending: string;
  sum_debits_posted: string;
  sum_credits_pending: string;
  sum_credits_posted: string;
}

const OPEN = `t.kind = 'PENDING' AND NOT EXISTS (SELECT 1 FROM transfers r WHERE r.tenant_id = t.tenant_id AND r.pending_id = t.id)`;
const POSTED = `t.kind IN ('POSTED', 'POST_PENDING')`;

/**
 * Checks a tenant's ledger against DESIGN §4 and returns what is wrong (empty = sound):
 * account totals equal the sums of their transfers; every reservation is resolved at most once, by
 * a resolution that matches it; usage rows equal posted usage units, transfer by transfer; no
 * limited account is over its credit; open reservations (and only they) wait in the sweeper's
 * table, and with `sweptAt` none is still open past its timeout.
 */
export async function checkLedgerInvariants(
  database: TenantDatabase,
  tenantIds: readonly string[],
  options: LedgerInvariantOptions = {},
): Promise<string[]> {
  const violations: string[] = [];
  for (const tenantId of tenantIds) {
    const found = await database.run(tenantId, (manager) => checkTenant(manager, tenantId, options));
    violations.push(...found.map((violation) => `${tenantId}: ${violation}`));
  }
  return violations;
}

/** Throws with every violation listed; for tests. */
export async function assertLedgerInvariants(
  database: TenantDatabase,
  tenantIds: readonly string[],
  options: LedgerInvariantOptions = {},
): Promise<void> {
  const violations = await checkLedgerInvariants(database, tenantIds, options);
  if (violations.length > 0) throw new Error(`Ledger invariants violated:\n${violations.join('\n')}`);
}

async function checkTenant(manager: EntityManager, tenantId: string, options: LedgerInvariantOptions): Promise<string[]> {
  const violations: string[] = [];

  const accounts = await sql<AccountCheckRow>(
    manager,
    `SELECT a.code, a.debits_pending, a.debits_posted, a.credits_pending, a.credits_posted, a.debits_must_not_exceed_credits,
       coalesce(sum(t.amount) FILTER (WHERE t.debit_account = a.code AND ${OPEN}), 0) AS sum_debits_pending,
       coalesce(sum(t.amount) FILTER (WHERE t.debit_account = a.code AND ${POSTED}), 0) AS sum_debits_posted,
       coalesce(sum(t.amount) FILTER (WHERE t.credit_account = a.code AND ${OPEN}), 0) AS sum_credits_pending,
       coalesce(sum(t.amount) FILTER (WHERE t.credit_account = a.code AND ${POSTED}), 0) AS sum_credits_posted
     FROM ledger_accounts a
     LEFT JOIN transfers t ON t.tenant_id = a.tenant_id AND (t.debit_account = a.code OR t.credit_account = a.code)
     WHERE a.tenant_id = $1
     GROUP BY a.code, a.debits_pending, a.debits_posted, a.credits_pending, a.credits_posted, a.debits_must_not_exceed_credits`,
    [tenantId],
  );
  let totalDebits = 0;
  let totalCredits = 0;
  for (const account of accounts) {
    for (const column of ['debits_pending', 'debits_posted', 'credits_pending', 'credits_posted'] as const) {
      const stored = toNumber(account[column]);
      const summed = toNumber(account[`sum_${column}`]);
      if (stored !== summed) violations.push(`account ${account.code}: ${column} is ${stored}, its transfers sum to ${summed}`);
    }
    totalDebits += toNumber(account.debits_posted) + toNumber(account.debits_pending);
    totalCredits += toNumber(account.credits_posted) + toNumber(account.credits_pending);
    const spent = toNumber(account.debits_posted) + toNumber(account.debits_pending);
    if (account.debits_must_not_exceed_credits && spent > toNumber(account.credits_posted)) {
      violations.push(`account ${account.code}: debits ${spent} exceed credits ${toNumber(account.credits_posted)}`);
    }
  }
  if (totalDebits !== totalCredits) violations.push(`debits ${totalDebits} and credits ${totalCredits} do not balance`);

  for (const row of await sql<{ pending_id: string; resolutions: number }>(
    manager,
    `SELECT pending_id, count(*)::int AS resolutions FROM transfers
     WHERE tenant_id = $1 AND pending_id IS NOT NULL GROUP BY pending_id HAVING count(*) > 1`,
    [tenantId],
  )) {
    violations.push(`reservation ${row.pending_id} resolved ${row.resolutions} times`);
  }

  for (const row of await sql<{ id: string }>(
    manager,
    `SELECT r.id FROM transfers r JOIN transfers p ON p.tenant_id = r.tenant_id AND p.id = r.pending_id
     WHERE r.tenant_id = $1 AND (p.kind <> 'PENDING' OR r.amount > p.amount
       OR r.debit_account <> p.debit_account OR r.credit_account <> p.credit_account)`,
    [tenantId],
  )) {
    violations.push(`resolution ${row.id} does not match its reservation`);
  }

  for (const row of await sql<{ id: string; amount: string | null; rows: string }>(
    manager,
    `SELECT coalesce(t.id, u.transfer_id) AS id, t.amount, coalesce(u.rows, 0) AS rows
     FROM (SELECT id, amount FROM transfers WHERE tenant_id = $1 AND code IN ('USAGE', 'LATE_USAGE')) t
     FULL JOIN (SELECT transfer_id, count(*) AS rows FROM usage WHERE tenant_id = $1 GROUP BY transfer_id) u
       ON u.transfer_id = t.id
     WHERE coalesce(t.amount, -1) <> coalesce(u.rows, 0)`,
    [tenantId],
  )) {
    violations.push(
      row.amount === null
        ? `usage rows name ${row.id}, which is not a usage transfer`
        : `transfer ${row.id} charged ${toNumber(row.amount)} units but has ${toNumber(row.rows)} usage rows`,
    );
  }

  const [usage] = await sql<{ rows: string; units: string; consumed: string }>(
    manager,
    `SELECT (SELECT count(*) FROM usage WHERE tenant_id = $1) AS rows,
            (SELECT coalesce(sum(amount), 0) FROM transfers WHERE tenant_id = $1 AND code IN ('USAGE', 'LATE_USAGE')) AS units,
            (SELECT coalesce(sum(credits_posted), 0) FROM ledger_accounts WHERE tenant_id = $1 AND code = 'CONSUMED') AS consumed`,
    [tenantId],
  );
  if (toNumber(usage.rows) !== toNumber(usage.units) || toNumber(usage.units) !== toNumber(usage.consumed)) {
    violations.push(
      `usage rows ${toNumber(usage.rows)}, posted usage units ${toNumber(usage.units)}, CONSUMED credits ${toNumber(usage.consumed)} differ`,
    );
  }

  for (const row of await sql<{ id: string; timeout: boolean; expires_at: Date; open: boolean }>(
    manager,
    `SELECT t.id, t.expires_at, (${OPEN}) AS open,
            EXISTS (SELECT 1 FROM reservation_timeouts o WHERE o.tenant_id = t.tenant_id AND o.reservation_id = t.id) AS timeout
     FROM transfers t WHERE t.tenant_id = $1 AND t.kind = 'PENDING'`,
    [tenantId],
  )) {
    if (row.open && !row.timeout) violations.push(`open reservation ${row.id} has no timeout: it would never expire`);
    if (!row.open && row.timeout) violations.push(`resolved reservation ${row.id} still has a timeout`);
    if (row.open && options.sweptAt && row.expires_at <= options.sweptAt) {
      violations.push(`reservation ${row.id} expired at ${row.expires_at.toISOString()} but is still open`);
    }
  }
  return violations;
}
