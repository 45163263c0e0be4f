import { useCallback, useEffect, useState } from 'react';
import { GraphQLRequestError, graphqlRequest } from '../api/graphql.client';
import { useSession } from '../auth/session.context';

export interface QueryState<T> {
  data: T | null;
  error: GraphQLRequestError | null;
  loading: boolean;
  reload(): void;
}

/** Runs a query whenever its variables change; an expired or refused token signs the user out. */
export function useGraphQL<T>(query: string, variables?: Record<string, unknown>, skip = false): QueryState<T> {
  const { token, signOut } = useSession();
  const [state, setState] = useState<{ data: T | null; error: GraphQLRequestError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: !skip,
  });
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(variables ?? {});

  useEffect(() => {
    if (skip) return;
    let current = true;
    setState((previous) => ({ ...previous, loading: true, error: null }));
    graphqlRequest<T>(token, query, JSON.parse(key) as Record<string, unknown>).then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: unknown) => {
        if (!current) return;
        const failure = error instanceof GraphQLRequestError ? error : new GraphQLRequestError(String(error), 'INTERNAL_SERVER_ERROR', 0);
        if (failure.code === 'UNAUTHENTICATED') signOut('Your session ended: sign in again.');
        setState({ data: null, error: failure, loading: false });
      },
    );
    return () => {
      current = false;
    };
  }, [token, query, key, skip, generation, signOut]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { ...state, reload };
}

/** Sends a mutation with the session's token. */
export function useMutation<T>(mutation: string): (variables: Record<string, unknown>) => Promise<T> {
  const { token } = useSession();
  return useCallback((variables: Record<string, unknown>) => graphqlRequest<T>(token, mutation, variables), [token, mutation]);
}
