import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { HIGH_RISK_TCP_PORTS } from '../../network/high-risk-port.catalogue';
import { standardRef } from '../standard-ref.factory';
import { isLiveListener, listenerAccess, listenerEvidence } from './listener-access.inspector';
import { notPublicLoadBalancer } from './slb-applicability.guard';

export const slbPublicListenerHighRiskPort = defineCheck({
  id: 'slb-public-listener-high-risk-port',
  title: 'Internet-facing SLB does not publish high-risk ports without a whitelist',
  description: 'Fails for a running listener of an active internet SLB whose frontend or backend port is high-risk (SSH, RDP, databases…) and whose ACL does not restrict sources.',
  rationale: 'A load balancer in front of SSH or a database exposes it exactly like a public IP would, while bypassing security-group reviews.',
  severity: 'HIGH',
  product: 'SLB',
  kind: 'loadBalancer',
  free: true,
  standards: [standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.4.4b')],
  remediation: 'Remove the listener, or enable a whitelist ACL with only the administrators\' addresses.',
  apis: ['Slb:DescribeLoadBalancerAttribute', 'Slb:DescribeLoadBalancer*ListenerAttribute', 'Slb:DescribeAccessControlListAttribute'],
  reads: ['listeners'],
  applicabilityReads: ['addressType', 'status'],
  params: { tcpPorts: { type: 'integer-list', default: HIGH_RISK_TCP_PORTS, minimum: 1, maximum: 65535, description: 'High-risk ports.' } },
  notApplicable: notPublicLoadBalancer,
  evaluate(asset, _ctx, params) {
    const risky = asset.configuration.listeners.filter(
      (l) => isLiveListener(l) && (params.tcpPorts.includes(l.port) || (l.backendPort !== null && params.tcpPorts.includes(l.backendPort))),
    );
    const open = risky.filter((l) => listenerAccess(l) === 'open');
    if (open.length > 0) {
      return verdict.fail(`Listener ${open[0].port} (backend ${String(open[0].backendPort)}) publishes a high-risk port to the internet`, {
        field: 'listeners', address: asset.configuration.address, listeners: open.map(listenerEvidence),
      });
    }
    const unknown = risky.find((l) => listenerAccess(l) === 'unknown');
    if (unknown !== undefined) return verdict.error(`Whitelist of high-risk listener ${unknown.port} could not be read`, { listener: listenerEvidence(unknown) });
    return verdict.pass('No high-risk port is published without a whitelist');
  },
});
