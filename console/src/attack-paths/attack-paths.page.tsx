import { useState } from 'react';
import { ATTACK_PATH_TOPOLOGY, ATTACK_PATHS, PAGE_SIZES } from '../api/documents';
import type { AttackPathSummary, ChokePoint, Connection, Topology } from '../api/types';
import { RiskBadge } from '../shared/badges';
import { Empty, ErrorNotice, Loading } from '../shared/feedback';
import { useGraphQL } from '../shared/use-graphql';
import { TopologyView } from './topology.view';

const PAGE = PAGE_SIZES.attackPaths;
const SETS = [10, 50, PAGE_SIZES.topology];

type View = { ids: string[] } | { first: number };

/** The resource part of a node id (`acs:ecs:cn-shanghai:123:instance/i-uf6…` → `i-uf6…`). */
export function shortName(nodeId: string): string {
  return nodeId.slice(nodeId.lastIndexOf('/') + 1) || nodeId;
}

export default function AttackPathsPage() {
  const [after, setAfter] = useState<Array<string | null>>([null]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [view, setView] = useState<View>({ first: 10 });
  const list = useGraphQL<{ attackPaths: Connection<AttackPathSummary>; chokePoints: ChokePoint[] }>(ATTACK_PATHS, { first: PAGE, after: after[after.length - 1] });
  const topology = useGraphQL<{ attackPathTopology: Topology }>(ATTACK_PATH_TOPOLOGY, view, list.error !== null);

  if (list.error) {
    return list.error.code === 'EDITION_NOT_ENTITLED' ? (
      <div className="notice notice-info" role="status">
        <strong>Attack path analysis is not in your plan.</strong>
        <span>It comes with the CSPM service: a subscription with quota, the trial, or pay-as-you-go.</span>
      </div>
    ) : (
      <ErrorNotice error={list.error} />
    );
  }

  const toggle = (id: string) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const paths = list.data?.attackPaths.edges.map((edge) => edge.node) ?? [];

  return (
    <div className="stack">
      <section className="card" aria-labelledby="topology-title">
        <div className="table-head">
          <h2 id="topology-title">
            Topology{' '}
            <span className="muted small">
              {'ids' in view ? `${view.ids.length} selected path${view.ids.length === 1 ? '' : 's'}` : `top ${view.first} paths by score`}
            </span>
          </h2>
          <div className="actions">
            <label htmlFor="top-n" className="inline-label">
              Show top
            </label>
            <select id="top-n" value={'first' in view ? view.first : ''} onChange={(event) => setView({ first: Number(event.target.value) })}>
              {'ids' in view ? <option value="">—</option> : null}
              {SETS.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
            <button type="button" className="button" disabled={chosen.size === 0} onClick={() => setView({ ids: [...chosen] })}>
              Show {chosen.size || ''} selected
            </button>
          </div>
        </div>
        {topology.error ? <ErrorNotice error={topology.error} /> : null}
        {topology.loading ? <Loading label="Laying out the topology…" /> : null}
        {topology.data && !topology.loading ? (
          topology.data.attackPathTopology.nodes.length === 0 ? (
            <Empty>No attack paths to draw.</Empty>
          ) : (
            <TopologyView topology={topology.data.attackPathTopology} />
          )
        ) : null}
      </section>
      <div className="grid-2-1">
        <section className="card table-card" aria-labelledby="paths-title">
          <div className="table-head">
            <h2 id="paths-title">{list.data ? `${list.data.attackPaths.totalCount.toLocaleString('en')} attack paths, ranked by score` : 'Attack paths'}</h2>
            <div className="pager">
              <button type="button" className="button" disabled={after.length === 1} onClick={() => setAfter((stack) => stack.slice(0, -1))}>
                Previous
              </button>
              <button
                type="button"
                className="button"
                disabled={!list.data?.attackPaths.pageInfo.hasNextPage}
                onClick={() => setAfter((stack) => [...stack, list.data?.attackPaths.pageInfo.endCursor ?? null])}
              >
                Next
              </button>
            </div>
          </div>
          {list.loading && !list.data ? (
            <Loading />
          ) : paths.length === 0 ? (
            <Empty>No attack paths: nothing reaches a sensitive asset from outside.</Empty>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col"><span className="sr-only">Select</span></th>
                  <th scope="col">Score</th>
                  <th scope="col">Risk</th>
                  <th scope="col">Path</th>
                  <th scope="col">Entry → target</th>
                  <th scope="col">Hops</th>
                </tr>
              </thead>
              <tbody>
                {paths.map((path) => (
                  <tr key={path.id}>
                    <td>
                      <input type="checkbox" aria-label={`Select ${path.name}`} checked={chosen.has(path.id)} onChange={() => toggle(path.id)} />
                    </td>
                    <td className="num">{path.score.toFixed(1)}</td>
                    <td>
                      <RiskBadge level={path.riskLevel} />
                    </td>
                    <td>
                      <button type="button" className="link" onClick={() => setView({ ids: [path.id] })}>
                        {path.name}
                      </button>
                      <br />
                      <span className="mono muted small">{path.type}</span>
                    </td>
                    <td className="small">
                      {path.entry?.name ?? 'Internet'} → {path.target?.name ?? '—'}
                    </td>
                    <td className="num">{path.hops}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card" aria-labelledby="choke-title">
          <h2 id="choke-title">Choke points</h2>
          {list.data?.chokePoints.length ? (
            <ol className="choke-list">
              {list.data.chokePoints.map((point) => (
                <li key={point.nodeId}>
                  <strong title={point.nodeId}>{point.asset?.name ?? shortName(point.nodeId)}</strong> <span className="muted small">{point.kind}</span>
                  <br />
                  <span className="small">Fixing it breaks {point.pathsBroken} path{point.pathsBroken === 1 ? '' : 's'}</span>
                </li>
              ))}
            </ol>
          ) : (
            <Empty>None yet.</Empty>
          )}
        </section>
      </div>
    </div>
  );
}
