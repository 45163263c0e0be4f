/** A GraphQL error as the gateway reports it (CONTRACT §3): a message and a code. */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

export const GRAPHQL_PATH = '/graphql';

/** Sends one operation to the gateway with the bearer token; resolves with `data` or throws the first error. */
export async function graphqlRequest<T>(token: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new GraphQLRequestError('The gateway cannot be reached', 'NETWORK_ERROR', 0);
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new GraphQLRequestError(`The gateway answered ${response.status} without a GraphQL body`, 'BAD_RESPONSE', response.status);
  }
  const first = body.errors?.[0];
  if (first) throw new GraphQLRequestError(first.message, first.extensions?.code ?? 'INTERNAL_SERVER_ERROR', response.status);
  if (!body.data) throw new GraphQLRequestError('The gateway answered without data', 'BAD_RESPONSE', response.status);
  return body.data;
}

/** True when the server's schema has no such field yet (an older gateway): validation names the field. */
export function isUnknownField(error: unknown, field: string): boolean {
  return (
    error instanceof GraphQLRequestError &&
    (error.code === 'GRAPHQL_VALIDATION_FAILED' || error.code === 'BAD_USER_INPUT') &&
    error.message.includes(`"${field}"`)
  );
}
