import { useEffect, useState } from 'react';

export const ROUTES = [
  { path: 'overview', label: 'Overview' },
  { path: 'results', label: 'Check results' },
  { path: 'scans', label: 'Scans' },
  { path: 'attack-paths', label: 'Attack paths' },
  { path: 'baseline', label: 'Baseline' },
] as const;
export type RoutePath = (typeof ROUTES)[number]['path'];

function routeOf(hash: string): RoutePath {
  const path = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return ROUTES.find((route) => route.path === path)?.path ?? 'overview';
}

/** Hash routing: the gateway serves one index.html and never sees the route. */
export function useRoute(): RoutePath {
  const [route, setRoute] = useState<RoutePath>(() => routeOf(window.location.hash));
  useEffect(() => {
    const follow = () => setRoute(routeOf(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return route;
}
