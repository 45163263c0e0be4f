import type { AssetOf } from '../../model/evaluation-context.definition';

/** ACK checks look at live clusters only (creation, failed and deleting clusters are not applicable). */
export function notRunningCluster(asset: AssetOf<'ackCluster'>): string | null {
  return asset.configuration.state === 'running' ? null : `cluster is ${asset.configuration.state}`;
}

/** Terway-only features are not applicable to Flannel clusters. */
export function usesFlannel(asset: AssetOf<'ackCluster'>): boolean {
  const { networkPlugin, addons } = asset.configuration;
  if (networkPlugin !== null) return networkPlugin.toLowerCase() === 'flannel';
  return addons.some((a) => a.name === 'flannel' && !a.disabled);
}
