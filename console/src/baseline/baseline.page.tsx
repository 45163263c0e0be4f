import { useState } from 'react';
import { HOST_FAILED_ITEMS, HOSTS, PAGE_SIZES } from '../api/documents';
import type { BaselineResult, Connection, Host } from '../api/types';
import { useSession } from '../auth/session.context';
import { SeverityBadge } from '../shared/badges';
import { Empty, ErrorNotice, JsonView, Loading } from '../shared/feedback';
import { useGraphQL } from '../shared/use-graphql';

export function scoreText(score: number | null): string {
  return score === null ? '—' : `${Math.round(score)}`;
}

function scoreClass(score: number | null): string {
  if (score === null) return 'st-muted';
  if (score >= 80) return 'st-pass';
  if (score >= 50) return 'st-warn';
  return 'st-fail';
}

function FailedItems({ host }: { host: Host }) {
  const failed = useGraphQL<{ baselineResults: Connection<BaselineResult> }>(HOST_FAILED_ITEMS, { hostId: host.id, first: PAGE_SIZES.hostFailedItems });
  if (failed.loading) return <Loading />;
  if (failed.error) return <ErrorNotice error={failed.error} />;
  const results = failed.data?.baselineResults.edges.map((edge) => edge.node) ?? [];
  if (results.length === 0) return <Empty>No failed items on {host.hostname}.</Empty>;
  return (
    <ul className="failed-items">
      {results.map((result) => (
        <li key={result.id}>
          <details>
            <summary>
              <SeverityBadge severity={result.checkItem.severity} /> {result.checkItem.title} <span className="muted small">{result.checkItem.category}</span>
            </summary>
            <p>{result.reason}</p>
            <JsonView value={result.evidence} label="Evidence" />
            <h4>Remediation</h4>
            <p className="prewrap">{result.checkItem.remediation}</p>
          </details>
        </li>
      ))}
      {failed.data && failed.data.baselineResults.totalCount > results.length ? (
        <li className="hint">First {results.length} of {failed.data.baselineResults.totalCount} failed items.</li>
      ) : null}
    </ul>
  );
}

export function BaselinePage() {
  const { entitlements } = useSession();
  const hosts = useGraphQL<{ hosts: Host[] }>(HOSTS);
  const [selected, setSelected] = useState<string | null>(null);

  if (hosts.loading) return <Loading />;
  if (hosts.error) return <ErrorNotice error={hosts.error} />;
  const list = hosts.data?.hosts ?? [];
  const standards = [...new Set(list.flatMap((host) => host.scores.map((score) => score.standard)))].sort();
  const host = list.find((entry) => entry.id === selected) ?? null;

  return (
    <div className="stack">
      {entitlements?.baselineItems === 'NONE' ? <p className="hint">Your plan does not include baseline checks: hosts report facts, but are not evaluated.</p> : null}
      <section className="card table-card" aria-labelledby="hosts-title">
        <h2 id="hosts-title">
          {list.length} host{list.length === 1 ? '' : 's'}
        </h2>
        {list.length === 0 ? (
          <Empty>
            No host has reported yet. Run <code>npx rampart agent report</code> on a Linux host.
          </Empty>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Host</th>
                <th scope="col">OS</th>
                {standards.map((standard) => (
                  <th scope="col" key={standard}>
                    {standard.replace(/_/g, ' ')}
                  </th>
                ))}
                <th scope="col">Failed</th>
                <th scope="col">Reported</th>
              </tr>
            </thead>
            <tbody>
              {list.map((entry) => (
                <tr key={entry.id} className={entry.id === selected ? 'selected' : undefined}>
                  <td>
                    <button type="button" className="link" onClick={() => setSelected(entry.id)}>
                      {entry.hostname}
                    </button>
                    {entry.instanceId ? <span className="mono muted small"> {entry.instanceId}</span> : null}
                  </td>
                  <td className="small">{entry.os ?? '—'}</td>
                  {standards.map((standard) => {
                    const score = entry.scores.find((s) => s.standard === standard);
                    return (
                      <td key={standard}>
                        {score ? <span className={`badge ${scoreClass(score.score)}`}>{scoreText(score.score)}</span> : '—'}
                      </td>
                    );
                  })}
                  <td className="num">{entry.scores.reduce((sum, score) => sum + score.failed, 0)}</td>
                  <td className="small">{new Date(entry.reportedAt).toLocaleString('en')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {host ? (
        <section className="card" aria-labelledby="failed-title">
          <h2 id="failed-title">Failed items on {host.hostname}</h2>
          <FailedItems host={host} />
        </section>
      ) : null}
    </div>
  );
}
