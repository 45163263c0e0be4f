import { counterMetric, gaugeMetric, histogramMetric, LATENCY_BUCKETS } from '@rampart/platform';

/** The gateway's own Prometheus metrics (per-operation GraphQL metrics come from graphqlObservabilityPlugin). */
export const gatewayMetrics = {
  subgraphRequests: counterMetric({
    name: 'rampart_gateway_subgraph_requests_total',
    help: 'Requests the gateway sent to each subgraph, by outcome (ok, http_error, timeout, network_error)',
    labelNames: ['subgraph', 'outcome'] as const,
  }),
  subgraphDuration: histogramMetric({
    name: 'rampart_gateway_subgraph_request_duration_seconds',
    help: 'Time each subgraph took to answer the gateway',
    labelNames: ['subgraph'] as const,
    buckets: LATENCY_BUCKETS,
  }),
  rateLimited: counterMetric({
    name: 'rampart_gateway_rate_limited_total',
    help: 'Requests and subscriptions refused by a rate limit, by the bucket that was empty (tenant or api_key)',
    labelNames: ['scope', 'transport'] as const,
  }),
  authenticationFailures: counterMetric({
    name: 'rampart_gateway_authentication_failures_total',
    help: 'Requests refused as UNAUTHENTICATED, by transport',
    labelNames: ['transport'] as const,
  }),
  webSocketConnections: gaugeMetric({
    name: 'rampart_gateway_websocket_connections',
    help: 'Open graphql-transport-ws connections',
  }),
  activeSubscriptions: gaugeMetric({
    name: 'rampart_gateway_active_subscriptions',
    help: 'Subscriptions currently streaming to clients',
  }),
  watchedProgressKeys: gaugeMetric({
    name: 'rampart_gateway_watched_progress_keys',
    help: 'scan_progress keys this gateway watches (one NATS KV watch per key, shared by its subscribers)',
  }),
  progressDeliveryLag: histogramMetric({
    name: 'rampart_gateway_scan_progress_lag_seconds',
    help: 'Time from a progress update being stored in the NATS KV bucket to the gateway handing it to a subscriber',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  }),
};
