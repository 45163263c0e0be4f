import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import type { JsonObject } from '../../model/check-result.definition';
import { ingressExposure, ruleEvidence } from '../../network/ingress-exposure.analyzer';
import { memberExposure } from '../ecs/security-group-exposure.memo';
import { standardRef } from '../standard-ref.factory';

export const eipBoundInstanceUnrestricted = defineCheck({
  id: 'eip-bound-instance-unrestricted',
  title: 'EIP is not bound to an instance whose security groups admit the internet on all ports',
  description:
    'For an EIP bound to an ECS instance or an ENI, merges the rules of the security groups of that target and fails when an allow-all ' +
    'rule (protocol ALL or every port) from 0.0.0.0/0 or ::/0 is in force. EIPs on SLB, NAT or HaVip are not applicable.',
  rationale: 'An EIP publishes the host; without security-group restriction every listening service, including debug and admin ports, is on the internet.',
  severity: 'HIGH',
  product: 'EIP',
  kind: 'eip',
  free: true,
  standards: [standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.3.1a')],
  remediation: 'Restrict the security groups of the bound instance to the ports it serves, or unbind the EIP and publish the service through an SLB with an ACL.',
  apis: ['Vpc:DescribeEipAddresses', 'Ecs:DescribeInstances', 'Ecs:DescribeNetworkInterfaces', 'Ecs:DescribeSecurityGroupAttribute'],
  reads: ['instanceId', 'instanceType'],
  applicabilityReads: ['status', 'instanceType', 'instanceId'],
  notApplicable(asset, ctx) {
    const { status, instanceType, instanceId } = asset.configuration;
    if (status !== 'InUse' || instanceId === null) return 'EIP is not bound';
    if (instanceType !== 'EcsInstance' && instanceType !== 'NetworkInterface') return `EIP is bound to ${instanceType ?? 'an unknown target'} (no security group)`;
    if (instanceType === 'EcsInstance') {
      const instance = ctx.byResourceId('ecsInstance', asset.accountId, instanceId);
      if (instance !== undefined && instance.configuration.status !== 'Running') return `bound instance is ${instance.configuration.status}`;
    }
    return null;
  },
  evaluate(asset, ctx) {
    const { instanceType, instanceId, ipAddress } = asset.configuration;
    const id = instanceId ?? '';
    const target = instanceType === 'EcsInstance' ? ctx.byResourceId('ecsInstance', asset.accountId, id) : ctx.byResourceId('networkInterface', asset.accountId, id);
    if (target === undefined) return verdict.error(`bound ${instanceType ?? 'target'} ${id} is not in the inventory`, { missingTarget: id });
    const groupIds = target.configuration.securityGroupIds;
    const found = memberExposure(ctx, target, asset.accountId, groupIds);
    if (!found.ok) return found.verdict;
    const allowAll = new Map<string, JsonObject>();
    for (const seg of found.exposure.segments) {
      if (ingressExposure.isFullRange(seg.accept)) allowAll.set(`${seg.accept.groupId}#${seg.accept.index}`, ruleEvidence(seg.accept));
    }
    if (allowAll.size === 0) return verdict.pass(`Security groups of ${id} restrict what ${ipAddress} exposes`);
    return verdict.fail(`${ipAddress} exposes every port of ${id}: an allow-all rule from the internet is in force`, {
      eip: ipAddress, target: id, targetType: instanceType, securityGroupIds: [...groupIds], rules: [...allowAll.values()],
    });
  },
});
