import type { AssetOf } from '../../model/evaluation-context.definition';

/** Internet exposure checks apply to active, internet-facing load balancers only. */
export function notPublicLoadBalancer(asset: AssetOf<'loadBalancer'>): string | null {
  const { addressType, status } = asset.configuration;
  if (addressType !== 'internet') return 'intranet load balancer';
  if (status !== 'active') return `load balancer is ${status}`;
  return null;
}
