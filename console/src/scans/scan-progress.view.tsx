import type { ScanProgress } from '../api/types';
import { isTerminal, percentDone, StatusText } from './scan-status';

interface Props {
  kind: string;
  progress: ScanProgress | null;
  error: { message: string; code?: string } | null;
}

/** One task's progress: a bar, counts, quota consumed and what a stop means. */
export function ScanProgressView({ kind, progress, error }: Props) {
  const percent = progress ? percentDone(progress) : 0;
  const label = `${kind.charAt(0)}${kind.slice(1).toLowerCase().replace(/_/g, ' ')} progress`;
  return (
    <section className="card progress-card" aria-label={label} data-status={progress?.status ?? 'CONNECTING'}>
      <div className="progress-head">
        <strong>{label}</strong>
        {progress ? <StatusText status={progress.status} /> : <span className="muted">Connecting…</span>}
      </div>
      <div
        className={`progress ${progress?.status === 'STOPPED_QUOTA_EXHAUSTED' ? 'progress-stopped' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent} %`}
      >
        <span className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="progress-figures" aria-live="polite">
        <span className="progress-percent">{percent} %</span>
        {progress ? (
          <>
            {' · '}
            {progress.completed.toLocaleString('en')} of {progress.total.toLocaleString('en')} evaluations
            {progress.failed ? `, ${progress.failed.toLocaleString('en')} failing` : ''}
            {' · '}
            quota consumed <strong data-testid="quota-consumed">{progress.quotaConsumed.toLocaleString('en')}</strong>
          </>
        ) : null}
      </p>
      {progress?.status === 'STOPPED_QUOTA_EXHAUSTED' ? (
        <div className="notice notice-warning" role="alert">
          <strong>The quota ran out: the scan stopped.</strong>
          <span>
            Results cover the {progress.completed.toLocaleString('en')} evaluations paid for. Buy more quota or switch to pay-as-you-go, then scan again.
          </span>
        </div>
      ) : null}
      {progress && isTerminal(progress.status) && progress.status === 'FAILED' ? (
        <div className="notice notice-error" role="alert">
          <strong>The task failed.</strong>
        </div>
      ) : null}
      {error ? (
        <div className="notice notice-error" role="alert">
          <strong>Live progress unavailable</strong>
          <span>
            {error.message}
            {error.code ? <code className="code-tag">{error.code}</code> : null}
          </span>
        </div>
      ) : null}
    </section>
  );
}
