import { useEffect, useState } from 'react';
import { RESULT_COUNTS } from '../api/documents';
import { GraphQLRequestError } from '../api/graphql.client';
import { useSession } from '../auth/session.context';
import { loadResults } from '../results/load-results';
import { RecentScans } from '../scans/recent-scans.table';
import { editionName, remainingText } from '../shell/quota-meter';
import { ErrorNotice, Loading } from '../shared/feedback';
import { useGraphQL } from '../shared/use-graphql';
import { summariseRisks, type RiskSummary, type Tally } from './risk-summary';

interface Counts {
  failed: { totalCount: number };
  passed: { totalCount: number };
  errors: { totalCount: number };
  whitelisted: { totalCount: number };
}

function TallyList({ title, tallies, total }: { title: string; tallies: Tally[]; total: number }) {
  return (
    <section className="card" aria-labelledby={`tally-${title}`}>
      <h2 id={`tally-${title}`}>{title}</h2>
      {tallies.length === 0 ? (
        <p className="empty">No failed checks.</p>
      ) : (
        <ul className="bars">
          {tallies.slice(0, 8).map((tally) => (
            <li key={tally.key}>
              <span className="bar-label" title={tally.key}>
                {tally.key.replace(/_/g, ' ')}
              </span>
              <span className="bar-track" aria-hidden="true">
                <span className="bar-fill" style={{ width: `${Math.max(2, (tally.count / Math.max(total, 1)) * 100)}%` }} />
              </span>
              <span className="bar-value">
                {tally.count.toLocaleString('en')}
                {tally.high ? <span className="sev-text-high"> · {tally.high} high</span> : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function useRiskSummary(): { summary: RiskSummary | null; error: GraphQLRequestError | null } {
  const { token } = useSession();
  const [state, setState] = useState<{ summary: RiskSummary | null; error: GraphQLRequestError | null }>({ summary: null, error: null });
  useEffect(() => {
    let current = true;
    loadResults(token, { status: ['FAIL'] }).then(
      (failed) => current && setState({ summary: summariseRisks(failed), error: null }),
      (error: unknown) => current && setState({ summary: null, error: error as GraphQLRequestError }),
    );
    return () => {
      current = false;
    };
  }, [token]);
  return state;
}

export function OverviewPage() {
  const { account } = useSession();
  const counts = useGraphQL<Counts>(RESULT_COUNTS);
  const risks = useRiskSummary();
  const failedTotal = counts.data?.failed.totalCount ?? 0;

  return (
    <div className="stack">
      <section className="stat-grid" aria-label="Check results by severity">
        {(['HIGH', 'MEDIUM', 'LOW'] as const).map((severity) => (
          <a key={severity} className={`stat stat-${severity.toLowerCase()}`} href={`#/results?status=FAIL&severity=${severity}`}>
            <span className="stat-label">{severity.charAt(0) + severity.slice(1).toLowerCase()} risks</span>
            <span className="stat-value">{risks.summary ? risks.summary.bySeverity[severity].toLocaleString('en') : '…'}</span>
          </a>
        ))}
        <div className="stat">
          <span className="stat-label">Passed</span>
          <span className="stat-value">{counts.data ? counts.data.passed.totalCount.toLocaleString('en') : '…'}</span>
        </div>
        <div className="stat">
          <span className="stat-label">Errors · whitelisted</span>
          <span className="stat-value">
            {counts.data ? `${counts.data.errors.totalCount.toLocaleString('en')} · ${counts.data.whitelisted.totalCount.toLocaleString('en')}` : '…'}
          </span>
        </div>
      </section>
      {counts.error ? <ErrorNotice error={counts.error} /> : null}
      {risks.error ? <ErrorNotice error={risks.error} /> : null}
      <div className="grid-3">
        {risks.summary ? (
          <>
            <TallyList title="Risks by product" tallies={risks.summary.byProduct} total={failedTotal} />
            <TallyList title="Risks by standard" tallies={risks.summary.byStandard} total={failedTotal} />
          </>
        ) : (
          <Loading label="Counting risks…" />
        )}
        <section className="card" aria-labelledby="plan-title">
          <h2 id="plan-title">Plan and quota</h2>
          {account ? (
            <dl className="facts">
              <dt>Edition</dt>
              <dd>{editionName(account.edition)}</dd>
              <dt>Billing</dt>
              <dd>{account.model.replace(/_/g, ' ').toLowerCase()}</dd>
              <dt>Quota remaining</dt>
              <dd data-testid="quota-remaining">{remainingText(account.quota.remaining, account.model)}</dd>
              <dt>Consumed · reserved</dt>
              <dd>
                {account.quota.consumed.toLocaleString('en')} · {account.quota.reserved.toLocaleString('en')}
              </dd>
            </dl>
          ) : (
            <Loading />
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="recent-title">
        <h2 id="recent-title">Last scans</h2>
        <RecentScans />
      </section>
    </div>
  );
}
