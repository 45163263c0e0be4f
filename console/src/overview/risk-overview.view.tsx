import type { RiskSummary, Tally } from './risk-summary';

const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW'] as const;
const shown = (value: number | undefined) => (value === undefined ? '…' : value.toLocaleString('en'));

/** Failing results by severity (links to them), passed, errors and whitelisted; `…` until the summary arrives. */
export function RiskStats({ risks }: { risks: RiskSummary | null }) {
  return (
    <section className="stat-grid" aria-label="Check results by severity">
      {SEVERITIES.map((severity) => (
        <a key={severity} className={`stat stat-${severity.toLowerCase()}`} href={`#/results?status=FAIL&severity=${severity}`}>
          <span className="stat-label">{severity.charAt(0) + severity.slice(1).toLowerCase()} risks</span>
          <span className="stat-value">{shown(risks?.bySeverity[severity])}</span>
        </a>
      ))}
      <div className="stat">
        <span className="stat-label">Passed</span>
        <span className="stat-value">{shown(risks?.byStatus.PASS)}</span>
      </div>
      <div className="stat">
        <span className="stat-label">Errors · whitelisted</span>
        <span className="stat-value">{risks ? `${shown(risks.byStatus.ERROR)} · ${shown(risks.byStatus.WHITELISTED)}` : '…'}</span>
      </div>
    </section>
  );
}

/** The largest tallies as bars, scaled to all failing results. */
export function TallyList({ title, tallies, total }: { title: string; tallies: Tally[]; total: number }) {
  // An id without spaces: aria-labelledby reads a space-separated list of ids.
  const headingId = `tally-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
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
