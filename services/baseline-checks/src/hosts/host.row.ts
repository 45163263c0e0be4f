import type { StandardScore } from '../catalogue/baseline-score';
import type { HostModel } from './host.model';

/** A `hosts` row without its facts. */
export interface HostRow {
  id: string;
  hostname: string;
  instance_id: string | null;
  reported_at: Date;
  os: string | null;
  scores: StandardScore[];
}

export const HOST_COLUMNS = `id, hostname, instance_id, reported_at, scores,
  COALESCE(facts #>> '{os,value,prettyName}', NULLIF(concat_ws(' ', facts #>> '{os,value,id}', facts #>> '{os,value,versionId}'), '')) AS os`;

export const toHostModel = (row: HostRow): HostModel => ({
  id: row.id,
  hostname: row.hostname,
  instanceId: row.instance_id,
  reportedAt: new Date(row.reported_at),
  os: row.os,
  scores: row.scores.map((s) => ({ ...s })),
});
