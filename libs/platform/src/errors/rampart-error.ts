/** The error codes of CONTRACT §3. Nothing else reaches a client. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'QUOTA_EXHAUSTED',
  'EDITION_NOT_ENTITLED',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorDetails {
  /** The offending input path, e.g. `input.checkItemIds[2]` or `snapshot.calls[17].response`. */
  path?: string;
  [key: string]: unknown;
}

/** An error whose message is safe to show a client, with its code. */
export class RampartError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnauthenticatedError extends RampartError {
  constructor(message = 'Authentication required') {
    super('UNAUTHENTICATED', message);
  }
}
export class ForbiddenError extends RampartError {
  constructor(message = 'Not allowed') {
    super('FORBIDDEN', message);
  }
}
export class NotFoundError extends RampartError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} not found`);
  }
}
export class BadUserInputError extends RampartError {
  constructor(message: string, path: string, extra: Omit<ErrorDetails, 'path'> = {}) {
    super('BAD_USER_INPUT', message, { path, ...extra });
  }
}
export class ConflictError extends RampartError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}
export class QuotaExhaustedError extends RampartError {
  constructor(message = 'Quota exhausted') {
    super('QUOTA_EXHAUSTED', message);
  }
}
export class EditionNotEntitledError extends RampartError {
  constructor(message: string) {
    super('EDITION_NOT_ENTITLED', message);
  }
}
