import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { roleGrants } from '../../policy/role-privilege.analyzer';
import { ruleEvidence } from '../../network/ingress-exposure.analyzer';
import { standardRef } from '../standard-ref.factory';
import { memberExposure } from './security-group-exposure.memo';

export const ecsInstancePublicPrivilegedRole = defineCheck({
  id: 'ecs-instance-public-privileged-role',
  title: 'Internet-reachable ECS instance is not bound to a high-privilege RAM role',
  description:
    'Fails for a running instance that has a public IP or EIP, admits the internet on at least one port, and carries an instance RAM ' +
    'role with a privileged policy (e.g. AdministratorAccess) or an Allow of a privileged action (ram:*, oss:*, ecs:*, "*") on all resources.',
  rationale:
    'The instance role\'s STS credentials are one metadata request away from any code running on the host: a single web bug on a ' +
    'public instance becomes control of every OSS bucket or of the account (the attack path Security Center highlights).',
  severity: 'HIGH',
  product: 'ECS',
  kind: 'ecsInstance',
  free: false,
  standards: [standardRef.mlps('8.1.4.2d')],
  remediation: 'Give the instance a role scoped to the buckets and actions it needs, or move the workload behind an SLB without a public IP; require IMDS tokens.',
  apis: ['Ecs:DescribeInstances', 'Ecs:DescribeInstanceRamRole', 'Ecs:DescribeSecurityGroupAttribute', 'Ram:ListPoliciesForRole', 'Ram:GetPolicyVersion'],
  reads: ['ramRoleName', 'securityGroupIds', 'publicIpAddresses', 'eipAddress'],
  applicabilityReads: ['status'],
  params: {
    privilegedPolicies: {
      type: 'string-list',
      default: ['AdministratorAccess', 'AliyunRAMFullAccess', 'AliyunOSSFullAccess', 'AliyunECSFullAccess', 'AliyunSTSAssumeRoleAccess'],
      description: 'Policy names that make a role privileged by themselves.',
    },
    privilegedActions: {
      type: 'string-list', default: ['*:*', 'ram:*', 'oss:*', 'ecs:*', 'sts:AssumeRole'],
      description: 'Actions that make a role privileged when allowed on all resources.',
    },
  },
  notApplicable: (asset) => (asset.configuration.status === 'Running' ? null : `instance is ${asset.configuration.status}`),
  evaluate(asset, ctx, params) {
    const cfg = asset.configuration;
    if (cfg.ramRoleName === null || cfg.ramRoleName === '') return verdict.pass('Instance has no RAM role');
    const publicAddresses = [...cfg.publicIpAddresses, ...(cfg.eipAddress ? [cfg.eipAddress] : [])];
    if (publicAddresses.length === 0) return verdict.pass('Instance has no public IP or EIP');
    const exposed = memberExposure(ctx, asset, asset.accountId, cfg.securityGroupIds);
    if (!exposed.ok) return exposed.verdict;
    const entry = exposed.exposure.segments[0];
    if (entry === undefined) return verdict.pass('No port of the instance is reachable from the internet');
    const found = roleGrants(ctx, asset.accountId, cfg.ramRoleName, params);
    if (!found.ok) return found.verdict;
    if (found.grants.length === 0) return verdict.pass(`Role ${cfg.ramRoleName} has no privileged grant`);
    return verdict.fail(`Internet-reachable instance carries privileged role ${cfg.ramRoleName}`, {
      ramRoleName: cfg.ramRoleName,
      roleId: found.role.id,
      publicAddresses,
      entry: { protocol: entry.protocol, reachableRange: `${entry.from}/${entry.to}`, rule: ruleEvidence(entry.accept) },
      grants: [...found.grants],
    });
  },
});
