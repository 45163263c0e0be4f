import { trace } from '@opentelemetry/api';
import type { ApolloServerPlugin } from '@apollo/server';
import { counterMetric, histogramMetric, LATENCY_BUCKETS, operationLabel } from './metrics';

const requests = counterMetric({
  name: 'rampart_graphql_requests_total',
  help: 'GraphQL operations answered, by service, operation name and outcome (ok or error)',
  labelNames: ['service', 'operation', 'outcome'] as const,
});
const errors = counterMetric({
  name: 'rampart_graphql_errors_total',
  help: 'GraphQL errors returned to callers, by service, operation name and error code',
  labelNames: ['service', 'operation', 'code'] as const,
});
const duration = histogramMetric({
  name: 'rampart_graphql_request_duration_seconds',
  help: 'Time from receiving a GraphQL operation to sending its response',
  labelNames: ['service', 'operation'] as const,
  buckets: LATENCY_BUCKETS,
});

/**
 * Per-operation requests, errors (by the code the caller sees) and latency, and the operation's name
 * on the active request span. Used by the gateway and by every subgraph.
 */
export function graphqlObservabilityPlugin<C extends object>(service: string): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async didResolveOperation({ operationName, operation }) {
          const span = trace.getActiveSpan();
          if (!span || !operation) return;
          span.setAttribute('graphql.operation.type', operation.operation);
          if (operationName) span.setAttribute('graphql.operation.name', operationName);
          span.updateName(`graphql ${operation.operation} ${operationName ?? '(anonymous)'}`);
        },
        async willSendResponse({ operationName, response }) {
          const operation = operationLabel(operationName);
          const body = response.body;
          const sent = body.kind === 'single' ? (body.singleResult.errors ?? []) : [];
          for (const error of sent) {
            const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'UNKNOWN';
            errors.inc({ service, operation, code });
          }
          requests.inc({ service, operation, outcome: sent.length > 0 ? 'error' : 'ok' });
          duration.observe({ service, operation }, (performance.now() - started) / 1000);
        },
      };
    },
  };
}
