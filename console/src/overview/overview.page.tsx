import { useMemo } from 'react';
import { CHECK_RESULT_SUMMARY } from '../api/documents';
import type { CheckResultSummary } from '../api/types';
import { useSession } from '../auth/session.context';
import { RecentScans } from '../scans/recent-scans.table';
import { editionName, remainingText } from '../shell/quota-meter';
import { ErrorNotice, Loading } from '../shared/feedback';
import { useGraphQL } from '../shared/use-graphql';
import { RiskStats, TallyList } from './risk-overview.view';
import { riskSummaryOf } from './risk-summary';

export function OverviewPage() {
  const { account } = useSession();
  const summary = useGraphQL<{ checkResultSummary: CheckResultSummary }>(CHECK_RESULT_SUMMARY);
  const risks = useMemo(() => (summary.data ? riskSummaryOf(summary.data.checkResultSummary) : null), [summary.data]);

  return (
    <div className="stack">
      <RiskStats risks={risks} />
      {summary.error ? <ErrorNotice error={summary.error} /> : null}
      <div className="grid-3">
        {risks ? (
          <>
            <TallyList title="Risks by product" tallies={risks.byProduct} total={risks.byStatus.FAIL} />
            <TallyList title="Risks by standard" tallies={risks.byStandard} total={risks.byStatus.FAIL} />
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
