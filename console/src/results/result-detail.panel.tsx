import { useState, type FormEvent } from 'react';
import { ADD_WHITELIST_RULE, FIX_RESULT, VERIFY_RESULTS } from '../api/documents';
import { GraphQLRequestError, isUnknownField } from '../api/graphql.client';
import type { CheckItem, CheckResult, ScanTask } from '../api/types';
import { useSession } from '../auth/session.context';
import { LiveScanProgress } from '../scans/live-scan-progress';
import { SeverityBadge, StatusBadge } from '../shared/badges';
import { ErrorNotice, JsonView } from '../shared/feedback';
import { useMutation } from '../shared/use-graphql';

const ROLE_RANK: Record<string, number> = { viewer: 0, analyst: 1, admin: 2 };
/** Whether to offer an action; with no roles to read, offer it and let the gateway decide. */
export const hasRole = (roles: readonly string[], needed: string) => roles.length === 0 || roles.some((role) => (ROLE_RANK[role] ?? -1) >= ROLE_RANK[needed]);

interface Props {
  result: CheckResult;
  checkItem: CheckItem | undefined;
  onClose(): void;
  onChanged(): void;
}

export function ResultDetailPanel({ result, checkItem, onClose, onChanged }: Props) {
  const { roles, entitlements, refreshAccount } = useSession();
  const verify = useMutation<{ verifyCheckResults: ScanTask }>(VERIFY_RESULTS);
  const fix = useMutation<{ fixCheckResult: ScanTask }>(FIX_RESULT);
  const whitelist = useMutation<{ addWhitelistRule: { id: string } }>(ADD_WHITELIST_RULE);
  const [task, setTask] = useState<ScanTask | null>(null);
  const [error, setError] = useState<{ message: string; code?: string } | null>(null);
  const [whitelisting, setWhitelisting] = useState(false);
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<string | null>(null);

  const fixEntitled = Boolean(entitlements?.configCheckOperations.includes('FIX'));
  const fixable = Boolean(checkItem?.fixable) && result.status === 'FAIL';

  const run = async (action: () => Promise<ScanTask>) => {
    setError(null);
    setNotice(null);
    try {
      setTask(await action());
    } catch (failure) {
      if (isUnknownField(failure, 'fixCheckResult')) setError({ message: 'This gateway does not offer fixes yet.', code: 'NOT_AVAILABLE' });
      else setError(failure as GraphQLRequestError);
    }
  };

  const submitWhitelist = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await whitelist({ input: { checkItemId: result.checkItemId, assetIds: [result.assetId], reason: reason.trim() } });
      setWhitelisting(false);
      setNotice('Whitelisted: this check no longer fails for this asset.');
      onChanged();
    } catch (failure) {
      setError(failure as GraphQLRequestError);
    }
  };

  return (
    <aside className="detail" aria-labelledby="detail-title">
      <div className="detail-head">
        <h2 id="detail-title">{result.title}</h2>
        <button type="button" className="button ghost" onClick={onClose} aria-label="Close details">
          Close
        </button>
      </div>
      <p className="badges">
        <StatusBadge status={result.status} /> <SeverityBadge severity={result.severity} /> <span className="mono">{result.checkItemId}</span>
      </p>
      <dl className="facts">
        <dt>Asset</dt>
        <dd>
          {result.assetName ?? 'Account'} <span className="mono muted">{result.resourceId ?? result.assetId}</span>
        </dd>
        <dt>Type</dt>
        <dd className="mono">{result.resourceType}</dd>
        <dt>Account · region</dt>
        <dd>
          {result.accountId ?? '—'} · {result.region ?? 'global'}
        </dd>
        <dt>Standards</dt>
        <dd>{result.standards.map((label) => label.replace(':', ' ')).join(', ') || '—'}</dd>
        {result.lastSeenAt ? (
          <>
            <dt>Last evaluated</dt>
            <dd>{new Date(result.lastSeenAt).toLocaleString('en')}</dd>
          </>
        ) : null}
      </dl>
      <h3>Why</h3>
      <p>{result.reason}</p>
      <h3>Evidence</h3>
      <JsonView value={result.evidence} label="Evidence" />
      <h3>Remediation</h3>
      <p className="prewrap">{result.remediation || '—'}</p>
      <div className="actions">
        <button type="button" className="button" disabled={!hasRole(roles, 'analyst')} onClick={() => run(async () => (await verify({ ids: [result.id] })).verifyCheckResults)}>
          Verify again
        </button>
        <button type="button" className="button" disabled={!hasRole(roles, 'analyst') || result.status === 'WHITELISTED'} onClick={() => setWhitelisting((open) => !open)} aria-expanded={whitelisting}>
          Whitelist…
        </button>
        {fixable ? (
          <button
            type="button"
            className="button primary"
            disabled={!fixEntitled || !hasRole(roles, 'admin')}
            title={fixEntitled ? undefined : 'Your edition does not include fixes'}
            onClick={() => run(async () => (await fix({ id: result.id })).fixCheckResult)}
          >
            Fix
          </button>
        ) : null}
      </div>
      {fixable && !fixEntitled ? <p className="hint">Fixing needs the CSPM service (a subscription or pay-as-you-go).</p> : null}
      {whitelisting ? (
        <form className="inline-form" onSubmit={submitWhitelist}>
          <label htmlFor="whitelist-reason">Reason (kept with the rule)</label>
          <input id="whitelist-reason" value={reason} onChange={(event) => setReason(event.target.value)} required minLength={3} />
          <button type="submit" className="button primary">
            Whitelist this asset
          </button>
        </form>
      ) : null}
      {notice ? <p className="notice notice-info" role="status">{notice}</p> : null}
      {error ? <ErrorNotice error={error} /> : null}
      {task ? (
        <LiveScanProgress
          key={task.id}
          scanId={task.id}
          kind={task.kind}
          onFinished={() => {
            refreshAccount();
            onChanged();
          }}
        />
      ) : null}
    </aside>
  );
}
