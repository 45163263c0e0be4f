import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const redisVpcNetwork = defineCheck({
  id: 'redis-vpc-network',
  title: 'Redis (KVStore) instance is in a VPC, not the classic network',
  description: 'Fails for an instance whose network type is CLASSIC.',
  rationale: 'The classic network is shared; only a VPC isolates the instance at the network layer.',
  severity: 'MEDIUM',
  product: 'KVSTORE',
  kind: 'redisInstance',
  free: true,
  standards: [standardRef.mlps('8.1.2.1c')],
  remediation: 'Switch the instance to a VPC (SwitchNetwork).',
  apis: ['R-kvstore:DescribeInstances'],
  reads: ['networkType'],
  evaluate(asset) {
    const type = asset.configuration.networkType;
    return type.toUpperCase() === 'CLASSIC'
      ? verdict.fail('Instance is in the classic network', { field: 'networkType', value: type, expected: 'VPC' })
      : verdict.pass(`Instance is in ${asset.configuration.vpcId ?? 'a VPC'}`);
  },
});
