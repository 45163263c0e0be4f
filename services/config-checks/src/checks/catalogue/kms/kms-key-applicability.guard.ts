import type { AssetOf } from '../../model/evaluation-context.definition';

/** Keys created by cloud services ("Oss", "Rds"…) are managed by Alibaba; only customer keys are ours to configure. */
export function notCustomerKey(asset: AssetOf<'kmsKey'>): string | null {
  const { creator, keyState } = asset.configuration;
  if (creator !== null && creator !== asset.accountId) return `service-managed key (creator ${creator})`;
  if (keyState === 'PendingDeletion') return 'key is pending deletion';
  return null;
}
