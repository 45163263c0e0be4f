import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  register,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
} from 'prom-client';

/**
 * Prometheus metrics on the process-wide registry. Metrics are got-or-created by name, because two
 * parts of one process (the gateway and the access subgraph it hosts) declare the same ones.
 */
export function counterMetric<T extends string>(config: CounterConfiguration<T>): Counter<T> {
  return (register.getSingleMetric(config.name) as Counter<T> | undefined) ?? new Counter(config);
}

export function gaugeMetric<T extends string>(config: GaugeConfiguration<T>): Gauge<T> {
  return (register.getSingleMetric(config.name) as Gauge<T> | undefined) ?? new Gauge(config);
}

export function histogramMetric<T extends string>(config: HistogramConfiguration<T>): Histogram<T> {
  return (register.getSingleMetric(config.name) as Histogram<T> | undefined) ?? new Histogram(config);
}

/** Seconds; from a fast cache hit to a slow federated query. */
export const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

let defaultsStarted = false;

/** Process metrics (CPU, memory, event loop lag, GC) once per process. */
export function startDefaultMetrics(): void {
  if (defaultsStarted) return;
  defaultsStarted = true;
  collectDefaultMetrics();
}

/** The Prometheus text exposition of every metric in this process. */
export async function metricsExposition(): Promise<{ contentType: string; body: string }> {
  return { contentType: register.contentType, body: await register.metrics() };
}

const MAX_OPERATION_NAMES = 500;
const seenOperationNames = new Set<string>();
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * A bounded label for a client-chosen operation name: clients name operations freely, and every
 * distinct label value is a time series, so names beyond the first few hundred share `__other`.
 */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return '__anonymous';
  if (!OPERATION_NAME.test(name)) return '__other';
  if (seenOperationNames.has(name)) return name;
  if (seenOperationNames.size >= MAX_OPERATION_NAMES) return '__other';
  seenOperationNames.add(name);
  return name;
}
