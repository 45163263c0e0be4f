import type { NextFunction, Request, Response } from 'express';
import { RampartError } from '@rampart/platform';
import { gatewayMetrics } from '../observability/gateway.metrics';
import { sendGraphQLError } from '../http/graphql-error.response';
import type { RequestAuthenticator } from './request-authenticator';

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Verifies the caller once per request and leaves the identity in `res.locals.identity`; 401 otherwise. */
export function authenticate(authenticator: RequestAuthenticator) {
  return (req: Request, res: Response, next: NextFunction): void => {
    authenticator.authenticate({ authorization: header(req, 'authorization'), apiKey: header(req, 'x-api-key') }).then(
      (identity) => {
        res.locals.identity = identity;
        next();
      },
      (error: unknown) => {
        if (!(error instanceof RampartError)) return next(error);
        gatewayMetrics.authenticationFailures.inc({ transport: 'http' });
        sendGraphQLError(res, 401, error.message, 'UNAUTHENTICATED');
      },
    );
  };
}
