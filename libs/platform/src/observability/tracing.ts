import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { ConfigError, type EnvReader } from '../config/env-reader';

export interface TracingConfig {
  /** False with OTEL_SDK_DISABLED=true: no spans, no trace context propagation. */
  enabled: boolean;
  /** OTLP/HTTP (JSON) traces endpoint; unset: spans are made and propagated (trace ids in logs) but not exported. */
  otlpTracesEndpoint?: string;
  /** Share of new traces recorded (a caller's sampling decision is followed); 1 by default. */
  samplingRatio: number;
}

/** OpenTelemetry's own variable names, so a collector set-up written for any OTel service works here. */
export function readTracingConfig(env: EnvReader): TracingConfig {
  const enabled = !env.bool('OTEL_SDK_DISABLED', false);
  const traces = env.optionalString('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const base = env.optionalString('OTEL_EXPORTER_OTLP_ENDPOINT');
  if (traces) env.url('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', undefined, ['http', 'https']);
  if (base) env.url('OTEL_EXPORTER_OTLP_ENDPOINT', undefined, ['http', 'https']);
  const otlpTracesEndpoint = traces ?? (base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined);
  const ratio = env.optionalString('OTEL_TRACES_SAMPLER_ARG');
  const samplingRatio = ratio === undefined ? 1 : Number(ratio);
  if (!(samplingRatio >= 0 && samplingRatio <= 1)) throw new ConfigError('OTEL_TRACES_SAMPLER_ARG', `must be a ratio from 0 to 1, got "${ratio}"`);
  return { enabled, samplingRatio, ...(otlpTracesEndpoint ? { otlpTracesEndpoint } : {}) };
}

let provider: NodeTracerProvider | undefined;

/**
 * Registers the process-wide tracer provider (W3C trace context and baggage, async-local context).
 * The first caller names the process; later calls (a subgraph hosted in the gateway process) are no-ops.
 */
export function startTracing(serviceName: string, config: TracingConfig | undefined): void {
  if (provider || !config?.enabled) return;
  const spanProcessors: SpanProcessor[] = config.otlpTracesEndpoint
    ? [new BatchSpanProcessor(new OTLPTraceExporter({ url: config.otlpTracesEndpoint }), { scheduledDelayMillis: 1000 })]
    : [];
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.samplingRatio) }),
    spanProcessors,
  });
  provider.register({ propagator: new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }) });
}

/** Exports what is buffered; call before the process exits. */
export async function flushTracing(): Promise<void> {
  await provider?.forceFlush().catch(() => undefined);
}
