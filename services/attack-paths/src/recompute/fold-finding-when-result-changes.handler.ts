import { EVENTS, type ResultChangedSchema } from '@rampart/contracts';
import type { EventHandler } from '@rampart/messaging';
import type { PathRecomputeService } from './path-recompute.service';

/**
 * Keeps the failing config-check results as overlay findings (an urgent failure on a host makes it
 * an entry point) and recomputes the tenant's paths when the set changed.
 */
export function foldFindingWhenResultChanges(recompute: PathRecomputeService): EventHandler<typeof ResultChangedSchema> {
  return {
    contract: EVENTS.resultChanged,
    async handle(manager, event, meta) {
      if (!event.assetId || !event.checkItemId) return;
      const changed = event.status === 'FAIL'
        ? ((await manager.query(
          `INSERT INTO overlay_findings (tenant_id, check_item_id, asset_id, status, severity, updated_at) VALUES ($1, $2, $3, $4, $5, now())
           ON CONFLICT (tenant_id, check_item_id, asset_id) DO UPDATE SET status = EXCLUDED.status, severity = EXCLUDED.severity, updated_at = now()
           WHERE (overlay_findings.status, overlay_findings.severity) IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.severity)
           RETURNING 1`,
          [meta.tenantId, event.checkItemId, event.assetId, event.status, event.severity],
        )) as unknown[])
        : ((await manager.query('DELETE FROM overlay_findings WHERE check_item_id = $1 AND asset_id = $2 RETURNING 1', [event.checkItemId, event.assetId])) as unknown[]);
      if (changed.length === 0) return;
      await recompute.markDirty(manager, meta.tenantId);
      recompute.schedule(meta.tenantId);
    },
  };
}
