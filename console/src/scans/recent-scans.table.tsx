import { useEffect, useRef } from 'react';
import { PAGE_SIZES, SCAN_TASKS } from '../api/documents';
import type { ScanTask } from '../api/types';
import { ErrorNotice } from '../shared/feedback';
import { useGraphQL } from '../shared/use-graphql';
import { StatusText } from './scan-status';

/** The tenant's latest configuration-check tasks, newest first, as the server knows them now. */
export function RecentScans({ refreshKey = 0 }: { refreshKey?: number }) {
  const tasks = useGraphQL<{ scanTasks: { edges: Array<{ node: ScanTask }> } }>(SCAN_TASKS, { first: PAGE_SIZES.scanTasks });
  const { reload } = tasks;
  const shownKey = useRef(refreshKey);
  useEffect(() => {
    if (shownKey.current === refreshKey) return;
    shownKey.current = refreshKey;
    reload();
  }, [refreshKey, reload]);

  if (tasks.error) return <ErrorNotice error={tasks.error} />;
  if (!tasks.data) return <p className="loading">Loading…</p>;
  const rows = tasks.data.scanTasks.edges.map((edge) => edge.node);
  if (rows.length === 0) return <p className="empty">No scans yet. Start one on the Scans page.</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col">Status</th>
          <th scope="col">Progress</th>
          <th scope="col">Quota used</th>
          <th scope="col">Started</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((task) => (
          <tr key={task.id}>
            <td>{task.kind}</td>
            <td>
              <StatusText status={task.status} />
            </td>
            <td>
              {task.completed.toLocaleString('en')} / {task.total.toLocaleString('en')}
              {task.failed ? ` (${task.failed} failing)` : ''}
            </td>
            <td>{task.quotaConsumed.toLocaleString('en')}</td>
            <td>{task.startedAt ? new Date(task.startedAt).toLocaleString('en') : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
