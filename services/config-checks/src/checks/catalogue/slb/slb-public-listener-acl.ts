import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { isLiveListener, listenerAccess, listenerEvidence } from './listener-access.inspector';
import { notPublicLoadBalancer } from './slb-applicability.guard';

export const slbPublicListenerAcl = defineCheck({
  id: 'slb-public-listener-acl',
  title: 'Internet-facing SLB listeners restrict sources with a whitelist ACL',
  description:
    'For active internet SLB instances: fails for a running listener with access control off, a blacklist ACL (everything else is allowed), or a ' +
    'whitelist containing 0.0.0.0/0. A whitelist whose entries could not be read gives ERROR.',
  rationale: 'Listeners for admin consoles, APIs between partners and non-web services should only answer known networks.',
  severity: 'MEDIUM',
  product: 'SLB',
  kind: 'loadBalancer',
  free: false,
  standards: [standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.3.1a')],
  remediation: 'Create an access control list of allowed CIDRs and enable it as a whitelist on the listener (SetLoadBalancer*ListenerAttribute AclStatus=on AclType=white).',
  apis: ['Slb:DescribeLoadBalancers', 'Slb:DescribeLoadBalancerAttribute', 'Slb:DescribeLoadBalancer*ListenerAttribute', 'Slb:DescribeAccessControlListAttribute'],
  reads: ['listeners'],
  applicabilityReads: ['addressType', 'status'],
  params: {
    exemptPorts: { type: 'integer-list', default: [80, 443], minimum: 1, maximum: 65535, description: 'Public web listener ports meant for everyone.' },
  },
  notApplicable: notPublicLoadBalancer,
  evaluate(asset, _ctx, params) {
    const live = asset.configuration.listeners.filter((l) => isLiveListener(l) && !params.exemptPorts.includes(l.port));
    const open = live.filter((l) => listenerAccess(l) === 'open');
    if (open.length > 0) {
      return verdict.fail(`Listener ${open[0].protocol}/${open[0].port} accepts the whole internet`, { field: 'listeners', address: asset.configuration.address, listeners: open.map(listenerEvidence) });
    }
    const unknown = live.find((l) => listenerAccess(l) === 'unknown');
    if (unknown !== undefined) return verdict.error(`Whitelist ${unknown.aclId ?? '(unnamed)'} of listener ${unknown.port} could not be read`, { listener: listenerEvidence(unknown) });
    return verdict.pass(live.length === 0 ? 'No non-web listener is running' : `All ${live.length} non-web listener(s) are whitelisted`);
  },
});
