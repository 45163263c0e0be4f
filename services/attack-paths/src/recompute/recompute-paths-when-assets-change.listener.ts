import type { AssetReplicaListener } from '@rampart/messaging';
import type { PathRecomputeService } from './path-recompute.service';

/** Marks the tenant's graph dirty in the replica's transaction and schedules its recompute. */
export function recomputePathsWhenAssetsChange(recompute: PathRecomputeService): AssetReplicaListener {
  const dirty = async (manager: Parameters<NonNullable<AssetReplicaListener['changed']>>[0], tenantId: string): Promise<void> => {
    await recompute.markDirty(manager, tenantId);
    recompute.schedule(tenantId);
  };
  return {
    changed: (manager, tenantId) => dirty(manager, tenantId),
    removed: (manager, tenantId) => dirty(manager, tenantId),
  };
}
