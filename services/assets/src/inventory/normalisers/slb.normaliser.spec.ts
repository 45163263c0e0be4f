import type { LoadBalancerConfiguration } from '@rampart/asset-model';
import { HZ, assetOf, idOf, normalise, ok } from '../../../test/factories/snapshot.factory';

describe('SLB normaliser', () => {
  it('leaves listeners unknown without DescribeLoadBalancerListeners, and an ACL never read as not collected', () => {
    const lbs = { LoadBalancers: { LoadBalancer: [{ LoadBalancerId: 'lb-1', AddressType: 'internet' }, { LoadBalancerId: 'lb-2', AddressType: 'intranet' }] } };
    const result = normalise([
      ok('Slb', 'DescribeLoadBalancers', lbs),
      ok('Slb', 'DescribeLoadBalancerListeners', { Listeners: [{ LoadBalancerId: 'lb-1', ListenerPort: '22', ListenerProtocol: 'TCP', AclStatus: 'on', AclType: 'white', AclId: 'acl-1' }] }, { LoadBalancerId: 'lb-1' }),
    ]);
    const lb1 = assetOf<LoadBalancerConfiguration>(result, idOf('slb', HZ, 'loadbalancer', 'lb-1'));
    expect(lb1.configuration.listeners).toEqual([{ port: 22, protocol: 'tcp', status: 'Unknown', backendPort: null, aclStatus: 'on', aclType: 'white', aclId: 'acl-1', aclEntries: null }]);
    expect(lb1.unknown.map((u) => [u.source, u.error.code])).toEqual([['Slb:DescribeLoadBalancerAttribute', 'NotCollected'], ['Slb:DescribeAccessControlListAttribute', 'NotCollected']]);
    const lb2 = assetOf<LoadBalancerConfiguration>(result, idOf('slb', HZ, 'loadbalancer', 'lb-2'));
    expect(lb2.unknown.map((u) => u.fields)).toEqual([['backendServers'], ['listeners']]);
  });

  it('refuses an address type other than internet or intranet', () => {
    expect(() => normalise([ok('Slb', 'DescribeLoadBalancers', { LoadBalancers: { LoadBalancer: [{ LoadBalancerId: 'lb-1', AddressType: 'public' }] } })]))
      .toThrow(expect.objectContaining({ details: expect.objectContaining({ path: 'calls[0].response.LoadBalancers.LoadBalancer[0].AddressType' }) }));
  });
});
