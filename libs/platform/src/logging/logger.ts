import pino, { type Logger } from 'pino';
import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import type { LoggerService } from '@nestjs/common';
import { requestIdOf } from '../observability/trace-context';

export type { Logger };

/** The trace, span and request ids of the active context, so a log line can be found from a trace and back. */
function correlationIds(): Record<string, string> {
  const active = context.active();
  const fields: Record<string, string> = {};
  const spanContext = trace.getSpan(active)?.spanContext();
  if (spanContext && isSpanContextValid(spanContext)) {
    fields.traceId = spanContext.traceId;
    fields.spanId = spanContext.spanId;
  }
  const requestId = requestIdOf(active);
  if (requestId) fields.requestId = requestId;
  return fields;
}

/**
 * JSON logs, one object a line, with the service name on every line and the trace and request ids of
 * the work in progress. Secrets are redacted by path.
 */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: correlationIds,
    redact: {
      paths: ['*.password', '*.secret', '*.accessKeySecret', '*.authorization', '*.token', 'req.headers.authorization', 'req.headers["x-api-key"]', '*["x-api-key"]', '*.apiKey'],
      censor: '[redacted]',
    },
  });
}

/** Nest's logger interface over pino, so framework messages are JSON too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
