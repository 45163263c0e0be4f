import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowLevelSecurity } from '@rampart/platform';
import { createMessagingTables } from '@rampart/messaging';
import legacyFreeItems from '../../entitlements/legacy-free-item-allowances.json';

/**
 * The billing state of a tenant and its quota ledger (DESIGN §4): TigerBeetle-style accounts and
 * immutable transfers, usage rows, reservation timeouts for the sweeper, and the legacy free-item
 * allowances (configuration data, seeded from legacy-free-item-allowances.json).
 */
export class CreateQuotaLedger1764400000000 implements MigrationInterface {
  name = 'CreateQuotaLedger1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createMessagingTables(queryRunner);

    await queryRunner.query(`
      CREATE TABLE billing_accounts (
        tenant_id text PRIMARY KEY,
        edition text NOT NULL DEFAULT 'BASIC'
          CHECK (edition IN ('BASIC', 'ANTI_VIRUS', 'ADVANCED', 'ENTERPRISE', 'ULTIMATE', 'VALUE_ADDED')),
        model text NOT NULL DEFAULT 'NONE' CHECK (model IN ('NONE', 'SUBSCRIPTION', 'PAY_AS_YOU_GO')),
        subscription_ends_at timestamptz,
        trial_started_at timestamptz,
        trial_ends_at timestamptz,
        cspm_authorized_at timestamptz NOT NULL DEFAULT now(),
        quota_exhausted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- A paid edition or a quota subscription always has an end.
        CHECK (model <> 'SUBSCRIPTION' OR subscription_ends_at IS NOT NULL),
        CHECK (edition = 'BASIC' OR subscription_ends_at IS NOT NULL),
        CHECK ((trial_started_at IS NULL) = (trial_ends_at IS NULL))
      )`);
    await enableTenantRowLevelSecurity(queryRunner, 'billing_accounts');

    // Balances per (tenant, account code). The CHECK makes overspending a limited account impossible.
    await queryRunner.query(`
      CREATE TABLE ledger_accounts (
        tenant_id text NOT NULL REFERENCES billing_accounts (tenant_id),
        code text NOT NULL
          CHECK (code IN ('QUOTA', 'PAY_AS_YOU_GO', 'SUBSCRIPTIONS', 'TRIALS', 'CONSUMED', 'FORFEITED')),
        debits_pending bigint NOT NULL DEFAULT 0 CHECK (debits_pending >= 0),
        debits_posted bigint NOT NULL DEFAULT 0 CHECK (debits_posted >= 0),
        credits_pending bigint NOT NULL DEFAULT 0 CHECK (credits_pending >= 0),
        credits_posted bigint NOT NULL DEFAULT 0 CHECK (credits_posted >= 0),
        debits_must_not_exceed_credits boolean NOT NULL DEFAULT false,
        PRIMARY KEY (tenant_id, code),
        CONSTRAINT debits_must_not_exceed_credits
          CHECK (NOT debits_must_not_exceed_credits OR debits_posted + debits_pending <= credits_posted)
      )`);
    await enableTenantRowLevelSecurity(queryRunner, 'ledger_accounts');

    // Immutable. The id is the caller's idempotency key; a post or void names its reservation in
    // pending_id, and UNIQUE (tenant_id, pending_id) lets a reservation be resolved at most once.
    await queryRunner.query(`
      CREATE TABLE transfers (
        tenant_id text NOT NULL,
        id text NOT NULL CHECK (length(id) BETWEEN 1 AND 200),
        debit_account text NOT NULL,
        credit_account text NOT NULL,
        amount bigint NOT NULL CHECK (amount >= 0),
        kind text NOT NULL CHECK (kind IN ('POSTED', 'PENDING', 'POST_PENDING', 'VOID_PENDING')),
        pending_id text,
        code text NOT NULL
          CHECK (code IN ('PURCHASE', 'TRIAL', 'FORFEIT', 'RESERVATION', 'USAGE', 'LATE_USAGE', 'RELEASE', 'EXPIRY')),
        expires_at timestamptz,
        requested bigint CHECK (requested >= 0),
        operation text CHECK (operation IN ('SCAN', 'VERIFY', 'FIX')),
        task_id text,
        model text CHECK (model IN ('NONE', 'SUBSCRIPTION', 'PAY_AS_YOU_GO')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, debit_account) REFERENCES ledger_accounts (tenant_id, code),
        FOREIGN KEY (tenant_id, credit_account) REFERENCES ledger_accounts (tenant_id, code),
        FOREIGN KEY (tenant_id, pending_id) REFERENCES transfers (tenant_id, id),
        CONSTRAINT one_resolution_per_reservation UNIQUE (tenant_id, pending_id),
        CHECK (debit_account <> credit_account),
        CHECK ((kind IN ('POST_PENDING', 'VOID_PENDING')) = (pending_id IS NOT NULL)),
        CHECK ((kind = 'PENDING') = (expires_at IS NOT NULL)),
        CHECK (kind <> 'PENDING' OR (requested IS NOT NULL AND amount <= requested AND model IS NOT NULL)),
        CHECK (kind <> 'VOID_PENDING' OR amount = 0)
      )`);
    await enableTenantRowLevelSecurity(queryRunner, 'transfers');

    // One row per charged evaluation; the primary key rejects a second charge of the same one.
    // transfer_id names the transfer that charged it. It has no foreign key on purpose: that would be
    // one referential check per row on the hottest insert (50 per batch); checkLedgerInvariants
    // verifies that every usage transfer has exactly as many rows as units.
    await queryRunner.query(`
      CREATE TABLE usage (
        tenant_id text NOT NULL,
        task_id text NOT NULL,
        check_item_id text NOT NULL,
        asset_id text NOT NULL,
        operation text NOT NULL CHECK (operation IN ('SCAN', 'VERIFY', 'FIX')),
        transfer_id text NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, task_id, check_item_id, asset_id, operation)
      )`);
    // Keyset pages of the usage history.
    await queryRunner.query('CREATE INDEX usage_by_seq ON usage (tenant_id, seq)');
    await enableTenantRowLevelSecurity(queryRunner, 'usage');

    // Money rows are never rewritten: history is the transfers, balances follow from them.
    await queryRunner.query(`
      CREATE FUNCTION forbid_ledger_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME USING ERRCODE = 'restrict_violation'; END $$`);
    for (const table of ['transfers', 'usage']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON ${table}
         FOR EACH STATEMENT EXECUTE FUNCTION forbid_ledger_rewrite()`,
      );
    }

    // Infrastructure, no RLS: the sweeper on any replica finds due reservations of every tenant
    // here (ids and times only), then voids each in that tenant's own RLS-scoped transaction.
    await queryRunner.query(`
      CREATE TABLE reservation_timeouts (
        tenant_id text NOT NULL,
        reservation_id text NOT NULL,
        expires_at timestamptz NOT NULL,
        claimed_until timestamptz,
        PRIMARY KEY (tenant_id, reservation_id)
      )`);
    await queryRunner.query('CREATE INDEX reservation_timeouts_due ON reservation_timeouts (expires_at)');

    // Configuration, not tenant data.
    await queryRunner.query(`
      CREATE TABLE legacy_free_item_allowances (
        edition text PRIMARY KEY CHECK (edition IN ('ANTI_VIRUS', 'ADVANCED', 'ENTERPRISE', 'ULTIMATE', 'VALUE_ADDED')),
        free_item_count int NOT NULL CHECK (free_item_count > 0),
        authorized_before timestamptz NOT NULL
      )`);
    for (const allowance of legacyFreeItems.allowances) {
      await queryRunner.query(
        'INSERT INTO legacy_free_item_allowances (edition, free_item_count, authorized_before) VALUES ($1, $2, $3)',
        [allowance.edition, allowance.freeItemCount, legacyFreeItems.authorizedBefore],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP TABLE legacy_free_item_allowances, reservation_timeouts, usage, transfers, ledger_accounts, billing_accounts',
    );
    await queryRunner.query('DROP FUNCTION forbid_ledger_rewrite()');
    await queryRunner.query('DROP TABLE IF EXISTS dead_letter, inbox, outbox');
  }
}
