import { useEffect, useRef, useState } from 'react';
import { GraphQLRequestError } from '../api/graphql.client';
import type { CheckResult } from '../api/types';
import { useSession } from '../auth/session.context';
import { loadResultsPage } from './load-results';
import { serverFilter, type ResultFilters } from './result-filters';

export const PAGE_SIZE = 25;

export interface ResultsPage {
  rows: CheckResult[];
  totalCount: number;
  hasNext: boolean;
  loading: boolean;
  error: GraphQLRequestError | null;
}

/**
 * One page of results, every filter applied by the API. Pages are keyset pages: page n is asked for after the
 * last result of page n − 1, whose cursor is kept until the filters change.
 */
export function useResultsPage(filters: ResultFilters, page: number, generation: number): ResultsPage {
  const { token, signOut } = useSession();
  const [state, setState] = useState<ResultsPage>({ rows: [], totalCount: 0, hasNext: false, loading: true, error: null });
  const server = JSON.stringify(serverFilter(filters));
  const cursors = useRef<{ filter: string; after: Array<string | null> }>({ filter: server, after: [null] });

  useEffect(() => {
    if (cursors.current.filter !== server) cursors.current = { filter: server, after: [null] };
    const after = cursors.current.after[page] ?? null;
    let current = true;
    setState((previous) => ({ ...previous, loading: true, error: null }));
    loadResultsPage(token, JSON.parse(server) as Record<string, unknown>, PAGE_SIZE, after).then(
      (loaded) => {
        if (!current) return;
        cursors.current.after[page + 1] = loaded.endCursor;
        setState({ rows: loaded.results, totalCount: loaded.totalCount, hasNext: loaded.hasNext, loading: false, error: null });
      },
      (error: unknown) => {
        if (!current) return;
        const failure = error instanceof GraphQLRequestError ? error : new GraphQLRequestError(String(error), 'BAD_RESPONSE', 0);
        if (failure.code === 'UNAUTHENTICATED') signOut('Your session ended: sign in again.');
        setState({ rows: [], totalCount: 0, hasNext: false, loading: false, error: failure });
      },
    );
    return () => {
      current = false;
    };
  }, [token, server, page, generation, signOut]);

  return state;
}
