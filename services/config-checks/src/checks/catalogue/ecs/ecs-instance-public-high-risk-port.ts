import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { HIGH_RISK_TCP_PORTS } from '../../network/high-risk-port.catalogue';
import { standardRef } from '../standard-ref.factory';
import { exposedPorts } from './open-port-check.factory';
import { memberExposure } from './security-group-exposure.memo';

export const ecsInstancePublicHighRiskPort = defineCheck({
  id: 'ecs-instance-public-high-risk-port',
  title: 'Internet-facing ECS instance does not expose high-risk ports',
  description:
    'For a running instance with a public IP or EIP, merges the ingress rules of all its security groups (Alibaba evaluates them ' +
    'together by priority) and fails when a high-risk port is reachable from 0.0.0.0/0 or ::/0.',
  rationale: 'A security-group rule only matters where it lands: this item reports the hosts actually reachable, which is what an attacker scans.',
  severity: 'HIGH',
  product: 'ECS',
  kind: 'ecsInstance',
  free: true,
  standards: [standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.4.4b')],
  remediation: 'Close the port in the security group(s) of the instance, or remove the public IP/EIP and reach the host through a bastion or SLB.',
  apis: ['Ecs:DescribeInstances', 'Ecs:DescribeSecurityGroupAttribute'],
  reads: ['securityGroupIds', 'publicIpAddresses', 'eipAddress'],
  applicabilityReads: ['status'],
  params: {
    tcpPorts: { type: 'integer-list', default: HIGH_RISK_TCP_PORTS, minimum: 1, maximum: 65535, description: 'High-risk TCP ports.' },
  },
  notApplicable: (asset) => (asset.configuration.status === 'Running' ? null : `instance is ${asset.configuration.status}`),
  evaluate(asset, ctx, params) {
    const cfg = asset.configuration;
    const publicAddresses = [...cfg.publicIpAddresses, ...(cfg.eipAddress ? [cfg.eipAddress] : [])];
    if (publicAddresses.length === 0) return verdict.pass('Instance has no public IP or EIP');
    const found = memberExposure(ctx, asset, asset.accountId, cfg.securityGroupIds);
    if (!found.ok) return found.verdict;
    const hits = exposedPorts(found.exposure, params.tcpPorts, []);
    if (hits === null) return verdict.pass('No high-risk port is reachable from the internet');
    return verdict.fail(`${hits.length} high-risk port(s) reachable on ${publicAddresses[0]}, e.g. ${String(hits[0].port)}/tcp`, {
      publicAddresses, exposures: hits,
    });
  },
});
