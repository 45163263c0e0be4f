import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { notServingRedis } from './redis-instance-applicability.guard';

export const redisPublicEndpoint = defineCheck({
  id: 'redis-public-endpoint',
  title: 'Redis (KVStore) instance has no public endpoint',
  description: 'Fails when a public connection address has been allocated.',
  rationale: 'Redis is built for trusted networks; a public endpoint exposes it to internet-wide scanning.',
  severity: 'MEDIUM',
  product: 'KVSTORE',
  kind: 'redisInstance',
  free: true,
  standards: [standardRef.mlps('8.1.2.1d'), standardRef.mlps('8.1.3.1a')],
  remediation: 'Release the public connection (ReleaseInstancePublicConnection) and connect from the VPC.',
  apis: ['R-kvstore:DescribeDBInstanceNetInfo'],
  reads: ['publicConnection'],
  applicabilityReads: ['status'],
  notApplicable: notServingRedis,
  evaluate(asset) {
    return asset.configuration.publicConnection
      ? verdict.fail('Instance has a public endpoint', { field: 'publicConnection', value: true })
      : verdict.pass('Only private endpoints');
  },
});
