import { context, propagation, trace, ROOT_CONTEXT, SpanKind, SpanStatusCode, type Context } from '@opentelemetry/api';

/*
 * Trace context helpers on the OpenTelemetry API only (no SDK): without a registered provider
 * (OTEL_SDK_DISABLED=true) they are no-ops.
 */

/** Baggage entry carrying the gateway's request id to subgraphs and across NATS, so every log line can name it. */
export const REQUEST_ID_BAGGAGE = 'rampart.request_id';

type HeaderBag = Record<string, string | string[] | undefined>;

/** The trace context (and baggage) a caller sent in HTTP or NATS headers. */
export function extractTraceContext(headers: HeaderBag, parent: Context = ROOT_CONTEXT): Context {
  return propagation.extract(parent, headers);
}

/** Writes `traceparent` (and `baggage`) for the active context into a header object. */
export function injectTraceContext(target: Record<string, string>, from: Context = context.active()): Record<string, string> {
  propagation.inject(from, target);
  return target;
}

/** Adds the request id to the baggage of a context. */
export function withRequestId(parent: Context, requestId: string): Context {
  const baggage = propagation.getBaggage(parent) ?? propagation.createBaggage();
  return propagation.setBaggage(parent, baggage.setEntry(REQUEST_ID_BAGGAGE, { value: requestId }));
}

export function requestIdOf(ctx: Context = context.active()): string | undefined {
  return propagation.getBaggage(ctx)?.getEntry(REQUEST_ID_BAGGAGE)?.value;
}

interface TracedRequest {
  method?: string;
  originalUrl?: string;
  url?: string;
  headers: HeaderBag;
}
interface TracedResponse {
  statusCode: number;
  once(event: 'finish' | 'close', listener: () => void): unknown;
}

/**
 * Express middleware: one SERVER span per HTTP request, child of the caller's `traceparent`, active
 * for everything the request runs (resolvers, database, the outbox). Mount it after body parsing:
 * body-parser's stream callbacks would otherwise run outside the request's context.
 */
export function traceHttpRequests(
  tracerName: string,
  options: {
    /** The request id to carry in baggage (the gateway's); subgraphs receive it from the gateway. */
    requestId?: (req: TracedRequest) => string | undefined;
    /** False at the edge: a client's `traceparent` is honoured, its baggage is not forwarded inwards. */
    acceptBaggage?: boolean;
  } = {},
) {
  const tracer = trace.getTracer(tracerName);
  return (req: TracedRequest, res: TracedResponse, next: () => void): void => {
    let parent = extractTraceContext(req.headers);
    if (options.acceptBaggage === false) parent = propagation.deleteBaggage(parent);
    const requestId = options.requestId?.(req);
    if (requestId) parent = withRequestId(parent, requestId);
    const path = (req.originalUrl ?? req.url ?? '/').split('?')[0];
    const span = tracer.startSpan(
      `${req.method ?? 'GET'} ${path}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? 'GET', 'url.path': path } },
      parent,
    );
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    context.with(trace.setSpan(parent, span), next);
  };
}
