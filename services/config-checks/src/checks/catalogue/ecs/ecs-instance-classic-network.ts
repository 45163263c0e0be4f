import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const ecsInstanceClassicNetwork = defineCheck({
  id: 'ecs-instance-classic-network',
  title: 'ECS instance runs in a VPC, not the legacy classic network',
  description: 'Fails for an instance with no VPC (InstanceNetworkType classic).',
  rationale: 'The classic network is shared between tenants and offers no private address plan, route control or flow logs.',
  severity: 'MEDIUM',
  product: 'ECS',
  kind: 'ecsInstance',
  free: true,
  standards: [standardRef.cis('3.1'), standardRef.mlps('8.1.2.1c')],
  remediation: 'Migrate the instance to a VPC (ECS console: "Migrate to VPC", or rebuild from an image in a VPC VSwitch).',
  apis: ['Ecs:DescribeInstances'],
  reads: ['vpcId'],
  evaluate(asset) {
    const { vpcId } = asset.configuration;
    return vpcId !== null && vpcId !== ''
      ? verdict.pass(`Instance is in VPC ${vpcId}`)
      : verdict.fail('Instance is in the classic network (no VPC)', { field: 'vpcId', value: vpcId });
  },
});
