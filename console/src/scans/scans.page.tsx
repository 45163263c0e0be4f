import { useMemo, useState, type FormEvent } from 'react';
import { CHECK_ITEMS, START_SCAN } from '../api/documents';
import { GraphQLRequestError } from '../api/graphql.client';
import type { CheckItem, ScanTask } from '../api/types';
import { useSession } from '../auth/session.context';
import { SeverityBadge } from '../shared/badges';
import { ErrorNotice, Loading } from '../shared/feedback';
import { useGraphQL, useMutation } from '../shared/use-graphql';
import { LiveScanProgress } from './live-scan-progress';
import { RecentScans } from './recent-scans.table';

type Mode = 'standard' | 'items';

export function standardsOf(items: readonly CheckItem[]): string[] {
  return [...new Set(items.flatMap((item) => item.standards.map((ref) => ref.standard)))].sort();
}

export function ScansPage() {
  const { entitlements, refreshAccount } = useSession();
  const catalogue = useGraphQL<{ checkItems: CheckItem[] }>(CHECK_ITEMS);
  const startScan = useMutation<{ startScan: ScanTask }>(START_SCAN);
  const [mode, setMode] = useState<Mode>('standard');
  const [standard, setStandard] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [search, setSearch] = useState('');
  const [task, setTask] = useState<ScanTask | null>(null);
  const [error, setError] = useState<GraphQLRequestError | null>(null);
  const [starting, setStarting] = useState(false);
  const [finishedCount, setFinishedCount] = useState(0);

  const items = useMemo(() => catalogue.data?.checkItems ?? [], [catalogue.data]);
  const standards = useMemo(() => standardsOf(items), [items]);
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return items.filter((item) => !needle || `${item.id} ${item.title} ${item.product}`.toLowerCase().includes(needle));
  }, [items, search]);
  const selectedStandard = standard || standards[0] || '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setStarting(true);
    try {
      const input = mode === 'standard' ? { standard: selectedStandard } : { checkItemIds: [...chosen] };
      const { startScan: started } = await startScan({ input: { ...input, idempotencyKey: crypto.randomUUID() } });
      setTask(started);
    } catch (failure) {
      setError(failure as GraphQLRequestError);
    } finally {
      setStarting(false);
    }
  };

  const toggle = (id: string) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  if (catalogue.loading) return <Loading />;
  if (catalogue.error) return <ErrorNotice error={catalogue.error} />;
  return (
    <div className="stack">
      <form className="card" onSubmit={submit} aria-labelledby="start-title">
        <h2 id="start-title">Start a scan</h2>
        {entitlements?.configCheckItems === 'FREE_ONLY' ? (
          <p className="hint">Your edition scans the free check items only; the others are skipped.</p>
        ) : null}
        <fieldset className="segmented">
          <legend className="sr-only">Scan by</legend>
          <label>
            <input type="radio" name="mode" value="standard" checked={mode === 'standard'} onChange={() => setMode('standard')} /> By standard
          </label>
          <label>
            <input type="radio" name="mode" value="items" checked={mode === 'items'} onChange={() => setMode('items')} /> By check items
          </label>
        </fieldset>
        {mode === 'standard' ? (
          <div className="field">
            <label htmlFor="standard">Standard</label>
            <select id="standard" value={selectedStandard} onChange={(event) => setStandard(event.target.value)}>
              {standards.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div className="field">
            <label htmlFor="item-search">Check items ({chosen.size} chosen)</label>
            <input id="item-search" type="search" placeholder="Filter by id, title or product" value={search} onChange={(event) => setSearch(event.target.value)} />
            <ul className="checklist" aria-label="Check items">
              {shown.map((item) => (
                <li key={item.id}>
                  <label>
                    <input type="checkbox" checked={chosen.has(item.id)} onChange={() => toggle(item.id)} />
                    <SeverityBadge severity={item.severity} /> <span className="mono">{item.id}</span> {item.title}
                    {item.free ? <span className="tag">free</span> : null}
                  </label>
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="actions">
          <button type="submit" className="button primary" disabled={starting || (mode === 'items' ? chosen.size === 0 : !selectedStandard)}>
            {starting ? 'Starting…' : 'Start scan'}
          </button>
        </div>
        {error ? <ErrorNotice error={error} title={error.code === 'QUOTA_EXHAUSTED' ? 'No quota left to scan' : 'The scan did not start'} /> : null}
      </form>
      {task ? (
        <LiveScanProgress
          key={task.id}
          scanId={task.id}
          kind={task.kind}
          onFinished={() => {
            refreshAccount();
            setFinishedCount((n) => n + 1);
          }}
        />
      ) : null}
      <section className="card" aria-labelledby="recent-scans-title">
        <h2 id="recent-scans-title">Recent scans</h2>
        <RecentScans refreshKey={finishedCount + (task ? 1 : 0)} />
      </section>
    </div>
  );
}
