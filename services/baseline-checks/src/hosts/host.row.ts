import type { StandardScore } from '../catalogue/baseline-score';
import type { HostModel } from './host.model';

/** A `hosts` row without its facts. */
export interface HostRow {
  id: string;
  hostname: string;
  instance_id: string | null;
  asset_id: string | null;
  reported_at: Date;
  os: string | null;
  scores: StandardScore[];
}

export const HOST_COLUMNS = `id, hostname, instance_id, reported_at, scores,
  (SELECT a.id FROM asset_replica a
    WHERE a.resource_type = 'ALIYUN::ECS::Instance' AND NOT a.removed AND a.asset->>'resourceId' = hosts.instance_id
    ORDER BY a.id LIMIT 1) AS asset_id,
  COALESCE(facts #>> '{os,value,prettyName}', NULLIF(concat_ws(' ', facts #>> '{os,value,id}', facts #>> '{os,value,versionId}'), '')) AS os`;

export const toHostModel = (row: HostRow): HostModel => ({
  id: row.id,
  hostname: row.hostname,
  instanceId: row.instance_id,
  asset: row.asset_id === null ? null : { id: row.asset_id },
  reportedAt: new Date(row.reported_at),
  os: row.os,
  scores: row.scores.map((s) => ({ ...s })),
});
