import { useEffect, useMemo, useState } from 'react';
import { CHECK_ITEMS } from '../api/documents';
import type { CheckItem, CheckResult } from '../api/types';
import { standardsOf } from '../scans/scans.page';
import { SeverityBadge, StatusBadge } from '../shared/badges';
import { Empty, ErrorNotice, Loading } from '../shared/feedback';
import { useGraphQL } from '../shared/use-graphql';
import { ResultDetailPanel } from './result-detail.panel';
import { filtersFromHash, filtersToHash, type ResultFilters } from './result-filters';
import { PAGE_SIZE, useResultsPage } from './use-results-page';

const STATUSES = ['FAIL', 'PASS', 'ERROR', 'WHITELISTED', 'NOT_APPLICABLE'];
const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW'];

const asWords = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');

interface SelectProps {
  id: string;
  label: string;
  value: string;
  options: string[];
  onChange(value: string): void;
  /** Show enum values as words (FAIL → Fail); product and standard ids stay as they are. */
  words?: boolean;
}

function Select({ id, label, value, options, onChange, words = false }: SelectProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">All</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {words ? asWords(option) : option}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CheckResultsPage() {
  const [filters, setFilters] = useState<ResultFilters>(() => filtersFromHash(window.location.hash));
  const [draft, setDraft] = useState({ account: filters.account, region: filters.region, search: filters.search });
  const [page, setPage] = useState(0);
  const [generation, setGeneration] = useState(0);
  const [selected, setSelected] = useState<CheckResult | null>(null);
  const catalogue = useGraphQL<{ checkItems: CheckItem[] }>(CHECK_ITEMS);
  const results = useResultsPage(filters, page, generation);

  const items = useMemo(() => new Map((catalogue.data?.checkItems ?? []).map((item) => [item.id, item])), [catalogue.data]);
  const products = useMemo(() => [...new Set((catalogue.data?.checkItems ?? []).map((item) => item.product))].sort(), [catalogue.data]);
  const standards = useMemo(() => standardsOf(catalogue.data?.checkItems ?? []), [catalogue.data]);

  useEffect(() => {
    window.history.replaceState(null, '', filtersToHash(filters));
  }, [filters]);
  useEffect(() => {
    const timer = setTimeout(() => setFilters((previous) => (previous.account === draft.account && previous.region === draft.region && previous.search === draft.search ? previous : { ...previous, ...draft })), 300);
    return () => clearTimeout(timer);
  }, [draft]);
  useEffect(() => setPage(0), [filters]);

  const set = (key: keyof ResultFilters) => (value: string) => setFilters((previous) => ({ ...previous, [key]: value }));
  const first = page * PAGE_SIZE + 1;

  return (
    <div className={`results-layout ${selected ? 'with-detail' : ''}`}>
      <div className="stack">
        <form className="filters card" aria-label="Filter check results" onSubmit={(event) => event.preventDefault()}>
          <Select id="f-status" label="Status" value={filters.status} options={STATUSES} onChange={set('status')} words />
          <Select id="f-severity" label="Severity" value={filters.severity} options={SEVERITIES} onChange={set('severity')} words />
          <Select id="f-product" label="Product" value={filters.product} options={products} onChange={set('product')} />
          <Select id="f-standard" label="Standard" value={filters.standard} options={standards} onChange={set('standard')} />
          <div className="field">
            <label htmlFor="f-account">Account</label>
            <input id="f-account" value={draft.account} onChange={(event) => setDraft({ ...draft, account: event.target.value })} placeholder="Account id" />
          </div>
          <div className="field">
            <label htmlFor="f-region">Region</label>
            <input id="f-region" value={draft.region} onChange={(event) => setDraft({ ...draft, region: event.target.value })} placeholder="cn-hangzhou" />
          </div>
          <div className="field field-wide">
            <label htmlFor="f-search">Search</label>
            <input id="f-search" type="search" value={draft.search} onChange={(event) => setDraft({ ...draft, search: event.target.value })} placeholder="Asset name or id, check id or title" />
          </div>
        </form>
        {results.error ? <ErrorNotice error={results.error} /> : null}
        <section className="card table-card" aria-labelledby="results-caption">
          <div className="table-head">
            <h2 id="results-caption">
              {results.loading ? 'Loading results…' : `${results.totalCount.toLocaleString('en')} results`}
            </h2>
            <div className="pager">
              <button type="button" className="button" disabled={page === 0 || results.loading} onClick={() => setPage((n) => n - 1)}>
                Previous
              </button>
              <span aria-live="polite">{results.totalCount ? `${first}–${first + results.rows.length - 1}` : '0'}</span>
              <button type="button" className="button" disabled={!results.hasNext || results.loading} onClick={() => setPage((n) => n + 1)}>
                Next
              </button>
            </div>
          </div>
          {results.loading && results.rows.length === 0 ? (
            <Loading />
          ) : results.rows.length === 0 ? (
            <Empty>No results match these filters.</Empty>
          ) : (
            <table className="table" aria-describedby="results-caption">
              <thead>
                <tr>
                  <th scope="col">Status</th>
                  <th scope="col">Severity</th>
                  <th scope="col">Check</th>
                  <th scope="col">Asset</th>
                  <th scope="col">Product</th>
                  <th scope="col">Account · region</th>
                </tr>
              </thead>
              <tbody>
                {results.rows.map((result) => (
                  <tr key={result.id} className={selected?.id === result.id ? 'selected' : undefined}>
                    <td>
                      <StatusBadge status={result.status} />
                    </td>
                    <td>
                      <SeverityBadge severity={result.severity} />
                    </td>
                    <td>
                      <button type="button" className="link" onClick={() => setSelected(result)}>
                        {result.title}
                      </button>
                    </td>
                    <td>
                      {result.assetName ?? 'Account'}
                      <br />
                      <span className="mono muted small">{result.resourceId ?? result.assetId}</span>
                    </td>
                    <td>{result.product}</td>
                    <td className="small">
                      {result.accountId}
                      <br />
                      {result.region ?? 'global'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
      {selected ? <ResultDetailPanel key={selected.id} result={selected} checkItem={items.get(selected.checkItemId)} onClose={() => setSelected(null)} onChanged={() => setGeneration((n) => n + 1)} /> : null}
    </div>
  );
}
