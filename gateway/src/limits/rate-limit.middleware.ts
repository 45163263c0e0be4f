import type { NextFunction, Request, Response } from 'express';
import type { Identity } from '@rampart/platform';
import { sendGraphQLError } from '../http/graphql-error.response';
import { gatewayMetrics } from '../observability/gateway.metrics';
import type { TokenBucketRateLimiter } from './token-bucket.rate-limiter';

/** Answers 429 with `Retry-After` when the caller's tenant or API key has no token left. */
export function rateLimit(limiter: TokenBucketRateLimiter) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const identity = res.locals.identity as Identity;
    limiter.take(identity).then((decision) => {
      if (decision.allowed) return next();
      gatewayMetrics.rateLimited.inc({ scope: decision.scope ?? 'tenant', transport: 'http' });
      res.setHeader('retry-after', String(decision.retryAfterSeconds));
      sendGraphQLError(res, 429, `Too many requests; retry after ${decision.retryAfterSeconds} s`, 'TOO_MANY_REQUESTS', {
        retryAfter: decision.retryAfterSeconds,
        scope: decision.scope,
      });
    }, next);
  };
}
