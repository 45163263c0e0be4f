import { DataSource } from 'typeorm';
import { createLogger, provisionDatabase, type Identity } from '@rampart/platform';
import { dropTestDatabase, testPlatformConfig } from '@rampart/testing';
import { accessMigrations } from '../src/access/database/migrations';
import { TokenBucketRateLimiter } from '../src/limits/token-bucket.rate-limiter';
import type { RateLimits } from '../src/config';

const LIMITS: RateLimits = { enabled: true, tenant: { perSecond: 1, burst: 3 }, apiKey: { perSecond: 1, burst: 2 } };
const logger = createLogger('rate-limits-spec', 'silent');
const caller = (tenantId: string, apiKeyId?: string): Identity => ({
  subject: 'someone',
  tenantId,
  roles: [],
  permissions: ['read'],
  via: apiKeyId ? 'api_key' : 'jwt',
  ...(apiKeyId ? { apiKeyId } : {}),
});

describe('token-bucket rate limits shared through Postgres', () => {
  const config = testPlatformConfig('access');
  let replicaA: DataSource;
  let replicaB: DataSource;

  beforeAll(async () => {
    replicaA = await provisionDatabase(config, accessMigrations);
    replicaB = await provisionDatabase(config, accessMigrations);
  });
  afterAll(async () => {
    await replicaA?.destroy();
    await replicaB?.destroy();
    await dropTestDatabase(config);
  });

  it('draws every gateway replica from the same bucket of a tenant', async () => {
    const a = new TokenBucketRateLimiter(replicaA, LIMITS, logger);
    const b = new TokenBucketRateLimiter(replicaB, LIMITS, logger);

    const decisions = [await a.take(caller('t-shared')), await b.take(caller('t-shared')), await a.take(caller('t-shared')), await b.take(caller('t-shared'))];

    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false]);
    expect(decisions[3]).toEqual({ allowed: false, retryAfterSeconds: 1, scope: 'tenant' });
  });

  it('refills a bucket by the time that has passed', async () => {
    const limiter = new TokenBucketRateLimiter(replicaA, LIMITS, logger);
    for (let i = 0; i < 3; i++) await limiter.take(caller('t-refill'));
    expect((await limiter.take(caller('t-refill'))).allowed).toBe(false);

    // Two seconds pass for the bucket (instead of sleeping, move its clock back).
    await replicaA.query("UPDATE rate_limit_buckets SET refreshed_at = refreshed_at - interval '2 seconds' WHERE key = 'tenant:t-refill'");

    expect((await limiter.take(caller('t-refill'))).allowed).toBe(true);
    expect((await limiter.take(caller('t-refill'))).allowed).toBe(true);
    expect((await limiter.take(caller('t-refill'))).allowed).toBe(false);
  });

  it('limits an API key on its own bucket as well as its tenant', async () => {
    const limiter = new TokenBucketRateLimiter(replicaA, LIMITS, logger);

    const withKey = [await limiter.take(caller('t-keys', 'k1')), await limiter.take(caller('t-keys', 'k1')), await limiter.take(caller('t-keys', 'k1'))];
    const otherKey = await limiter.take(caller('t-keys', 'k2'));

    expect(withKey.map((decision) => decision.scope ?? 'allowed')).toEqual(['allowed', 'allowed', 'api_key']);
    expect(otherKey).toEqual({ allowed: false, retryAfterSeconds: 1, scope: 'tenant' });
  });

  it('lets requests through when the limiter store does not answer', async () => {
    const broken = new DataSource({ type: 'postgres', url: 'postgres://nobody@127.0.0.1:1/none' });

    const decision = await new TokenBucketRateLimiter(broken, LIMITS, logger).take(caller('t-outage'));

    expect(decision.allowed).toBe(true);
  });
});
