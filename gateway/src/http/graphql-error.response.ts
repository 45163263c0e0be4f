import type { Response } from 'express';
import type { ErrorCode } from '@rampart/platform';

/** A GraphQL-shaped error answer for requests refused before GraphQL runs (auth, rate limit, body size). */
export function sendGraphQLError(res: Response, status: number, message: string, code: ErrorCode, extensions: Record<string, unknown> = {}): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extensions } }] });
}
