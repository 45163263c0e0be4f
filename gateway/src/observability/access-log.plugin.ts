import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '@rampart/platform';
import type { GatewayContext } from '../gateway-context';

/**
 * One JSON line per GraphQL request: who (tenant, how authenticated, which key), what (operation), how
 * it went (error codes) and how long it took. The logger adds the trace id; never a credential.
 */
export function accessLogPlugin(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ contextValue, operationName, response }) {
          const body = response.body;
          const errors = body.kind === 'single' ? (body.singleResult.errors ?? []) : [];
          logger.info(
            {
              requestId: contextValue.requestId,
              operation: operationName ?? null,
              tenantId: contextValue.identity.tenantId,
              via: contextValue.identity.via,
              apiKeyId: contextValue.identity.apiKeyId,
              errors: errors.map((error) => error.extensions?.code ?? 'UNKNOWN'),
              durationMs: Math.round((performance.now() - started) * 10) / 10,
            },
            'graphql request',
          );
        },
      };
    },
  };
}
