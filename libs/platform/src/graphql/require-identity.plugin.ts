import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../identity/requires.decorator';

/**
 * Refuses every operation that arrives without a verified, gateway-signed identity: queries,
 * mutations, `_entities` and `_service` alike. A subgraph is never open to a direct caller.
 */
export const requireIdentityPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue }) {
        if (!contextValue.identity) {
          throw new GraphQLError('Authentication required', {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
          });
        }
      },
    };
  },
};
