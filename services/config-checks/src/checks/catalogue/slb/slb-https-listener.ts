import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { isLiveListener, listenerEvidence } from './listener-access.inspector';
import { notPublicLoadBalancer } from './slb-applicability.guard';

export const slbHttpsListener = defineCheck({
  id: 'slb-https-listener',
  title: 'Internet-facing SLB serves HTTP traffic over HTTPS only',
  description: 'Fails for a running plain-HTTP listener on an active internet SLB, except ports listed in redirectPorts (HTTP→HTTPS redirect listeners).',
  rationale: 'Plain HTTP exposes cookies, tokens and form data to anyone on the path.',
  severity: 'MEDIUM',
  product: 'SLB',
  kind: 'loadBalancer',
  free: false,
  standards: [standardRef.mlps('8.1.2.2b'), standardRef.mlps('8.1.4.8a')],
  remediation: 'Add an HTTPS listener with a certificate and turn the HTTP listener into a redirect (or remove it).',
  apis: ['Slb:DescribeLoadBalancerAttribute'],
  reads: ['listeners'],
  applicabilityReads: ['addressType', 'status'],
  params: { redirectPorts: { type: 'integer-list', default: [], minimum: 1, maximum: 65535, description: 'HTTP listener ports that only redirect to HTTPS.' } },
  notApplicable: notPublicLoadBalancer,
  evaluate(asset, _ctx, params) {
    const http = asset.configuration.listeners.filter((l) => isLiveListener(l) && l.protocol === 'http' && !params.redirectPorts.includes(l.port));
    return http.length === 0
      ? verdict.pass('No plain-HTTP listener')
      : verdict.fail(`Plain-HTTP listener on port ${http[0].port}`, { field: 'listeners', listeners: http.map(listenerEvidence) });
  },
});
