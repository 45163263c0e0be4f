import type { DataSource } from 'typeorm';
import type { Identity, Logger } from '@rampart/platform';
import type { RateLimits, TokenBucketRate } from '../config';

export type RateLimitScope = 'tenant' | 'api_key';

export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until one more request would be allowed (0 when allowed). */
  retryAfterSeconds: number;
  /** The bucket that was empty. */
  scope?: RateLimitScope;
}

const ALLOWED: RateDecision = { allowed: true, retryAfterSeconds: 0 };
const PRUNE_EVERY_MS = 10 * 60 * 1000;

/**
 * Takes one token from each of a request's buckets (its tenant's; its API key's) in one statement,
 * refilling by elapsed time first. Keys are sorted so concurrent takes lock rows in the same order.
 */
const TAKE = `
  INSERT INTO rate_limit_buckets AS b (key, tokens, capacity, refill_per_second, allowed, refreshed_at)
  SELECT t.key, t.capacity - 1, t.capacity, t.rate, true, clock_timestamp()
  FROM unnest($1::text[], $2::float8[], $3::float8[]) AS t(key, capacity, rate)
  ORDER BY t.key
  ON CONFLICT (key) DO UPDATE SET
    allowed = rate_limit_refill(b.tokens, EXCLUDED.capacity, EXCLUDED.refill_per_second, b.refreshed_at) >= 1,
    tokens = rate_limit_refill(b.tokens, EXCLUDED.capacity, EXCLUDED.refill_per_second, b.refreshed_at)
      - CASE WHEN rate_limit_refill(b.tokens, EXCLUDED.capacity, EXCLUDED.refill_per_second, b.refreshed_at) >= 1 THEN 1 ELSE 0 END,
    capacity = EXCLUDED.capacity,
    refill_per_second = EXCLUDED.refill_per_second,
    refreshed_at = clock_timestamp()
  RETURNING b.key, b.allowed, b.tokens, b.refill_per_second`;

interface BucketRow {
  key: string;
  allowed: boolean;
  tokens: number;
  refill_per_second: number;
}

/**
 * Per-tenant and per-API-key token buckets whose state lives in Postgres (the access database), so
 * every gateway replica draws from the same buckets: one UPDATE of an UNLOGGED row per request. When
 * Postgres does not answer the limiter lets requests through (and says so in the log): an outage of
 * the limiter must not become an outage of the API.
 */
export class TokenBucketRateLimiter {
  private readonly pruner?: NodeJS.Timeout;
  private lastFailureLog = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly limits: RateLimits,
    private readonly logger: Logger,
  ) {
    if (limits.enabled) {
      this.pruner = setInterval(() => void this.prune(), PRUNE_EVERY_MS);
      this.pruner.unref();
    }
  }

  async take(identity: Identity): Promise<RateDecision> {
    if (!this.limits.enabled) return ALLOWED;
    const buckets: Array<{ key: string; scope: RateLimitScope; rate: TokenBucketRate }> = [
      { key: `tenant:${identity.tenantId}`, scope: 'tenant', rate: this.limits.tenant },
    ];
    if (identity.apiKeyId) buckets.push({ key: `api-key:${identity.apiKeyId}`, scope: 'api_key', rate: this.limits.apiKey });
    let rows: BucketRow[];
    try {
      rows = (await this.dataSource.query(TAKE, [
        buckets.map((bucket) => bucket.key),
        buckets.map((bucket) => bucket.rate.burst),
        buckets.map((bucket) => bucket.rate.perSecond),
      ])) as BucketRow[];
    } catch (error) {
      if (Date.now() - this.lastFailureLog > 10_000) {
        this.lastFailureLog = Date.now();
        this.logger.warn({ err: error }, 'rate limiter unavailable; letting requests through');
      }
      return ALLOWED;
    }
    let decision = ALLOWED;
    for (const row of rows) {
      if (row.allowed) continue;
      const retryAfterSeconds = Math.max(1, Math.ceil((1 - row.tokens) / row.refill_per_second));
      if (retryAfterSeconds > decision.retryAfterSeconds) {
        decision = { allowed: false, retryAfterSeconds, scope: buckets.find((bucket) => bucket.key === row.key)?.scope ?? 'tenant' };
      }
    }
    return decision;
  }

  close(): void {
    if (this.pruner) clearInterval(this.pruner);
  }

  private async prune(): Promise<void> {
    await this.dataSource
      .query("DELETE FROM rate_limit_buckets WHERE refreshed_at < clock_timestamp() - interval '1 hour'")
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not prune rate limit buckets'));
  }
}
