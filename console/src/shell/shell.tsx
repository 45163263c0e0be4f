import { lazy, Suspense, useEffect, useMemo, useRef } from 'react';
import { ACCOUNT } from '../api/documents';
import type { BillingAccount, Entitlements } from '../api/types';
import { SessionContext, type Session } from '../auth/session.context';
import { BaselinePage } from '../baseline/baseline.page';
import { OverviewPage } from '../overview/overview.page';
import { CheckResultsPage } from '../results/check-results.page';
import { ScansPage } from '../scans/scans.page';
import { Loading } from '../shared/feedback';
import { useGraphQL } from '../shared/use-graphql';
import { QuotaMeter } from './quota-meter';
import { ROUTES, useRoute, type RoutePath } from './routes';

// cytoscape and dagre load only when the attack-path page opens.
const AttackPathsPage = lazy(() => import('../attack-paths/attack-paths.page'));

interface ShellProps {
  token: string;
  tenant: string;
  roles: string[];
  signOut(reason?: string): void;
}

function Page({ route }: { route: RoutePath }) {
  switch (route) {
    case 'overview':
      return <OverviewPage />;
    case 'results':
      return <CheckResultsPage />;
    case 'scans':
      return <ScansPage />;
    case 'attack-paths':
      return (
        <Suspense fallback={<Loading label="Loading the topology viewer…" />}>
          <AttackPathsPage />
        </Suspense>
      );
    case 'baseline':
      return <BaselinePage />;
  }
}

function AccountLoader({ session, children }: { session: Omit<Session, 'account' | 'entitlements' | 'refreshAccount'>; children: React.ReactNode }) {
  const account = useGraphQL<{ billingAccount: BillingAccount; entitlements: Entitlements }>(ACCOUNT);
  const value = useMemo<Session>(
    () => ({
      ...session,
      account: account.data?.billingAccount ?? null,
      entitlements: account.data?.entitlements ?? null,
      refreshAccount: account.reload,
    }),
    [session, account.data, account.reload],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function Shell({ token, tenant, roles, signOut }: ShellProps) {
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const base = useMemo(() => ({ token, tenant, roles, signOut }), [token, tenant, roles, signOut]);
  const bootstrap = useMemo<Session>(() => ({ ...base, account: null, entitlements: null, refreshAccount: () => undefined }), [base]);
  const label = ROUTES.find((entry) => entry.path === route)?.label ?? '';

  useEffect(() => {
    document.title = `${label} · Rampart`;
    main.current?.focus({ preventScroll: true });
  }, [label]);

  return (
    <SessionContext.Provider value={bootstrap}>
      <AccountLoader session={base}>
        <a className="skip-link" href="#main" onClick={(event) => { event.preventDefault(); main.current?.focus(); }}>
          Skip to content
        </a>
        <div className="layout">
          <aside className="sidebar">
            <div className="brand">
              <span className="brand-mark" aria-hidden="true">R</span> Rampart
            </div>
            <nav aria-label="Main">
              <ul>
                {ROUTES.map((entry) => (
                  <li key={entry.path}>
                    <a href={`#/${entry.path}`} aria-current={entry.path === route ? 'page' : undefined}>
                      {entry.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="sidebar-foot">
              <QuotaMeter />
              <p className="tenant">
                Tenant <strong>{tenant}</strong>
                <br />
                <span className="muted-inverse">{roles.join(', ') || 'no roles'}</span>
              </p>
              <button type="button" className="button ghost-inverse" onClick={() => signOut()}>
                Sign out
              </button>
            </div>
          </aside>
          <main id="main" ref={main} tabIndex={-1} className="content">
            <h1 className="page-title">{label}</h1>
            <Page route={route} />
          </main>
        </div>
      </AccountLoader>
    </SessionContext.Provider>
  );
}
