import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { notServingDatabase } from './rds-instance-applicability.guard';

export const rdsPublicEndpoint = defineCheck({
  id: 'rds-public-endpoint',
  title: 'RDS instance has no public connection string',
  description: 'Fails when the instance has a connection string of type Public.',
  rationale: 'A public endpoint puts the database one whitelist mistake away from the internet; applications in the VPC do not need it.',
  severity: 'MEDIUM',
  product: 'RDS',
  kind: 'rdsInstance',
  free: true,
  standards: [standardRef.mlps('8.1.2.1d'), standardRef.mlps('8.1.3.1a')],
  remediation: 'Release the public endpoint (ReleaseInstancePublicConnection) and connect through the VPC, a VPN or a bastion.',
  apis: ['Rds:DescribeDBInstanceNetInfo'],
  reads: ['netInfo', 'publicConnection'],
  applicabilityReads: ['status'],
  notApplicable: notServingDatabase,
  evaluate(asset) {
    const pub = asset.configuration.netInfo.filter((n) => n.ipType === 'Public');
    if (pub.length === 0 && !asset.configuration.publicConnection) return verdict.pass('Only private endpoints');
    return verdict.fail(`Public endpoint ${pub[0]?.connectionString ?? ''}`.trim(), { field: 'netInfo', publicEndpoints: pub.map((n) => ({ connectionString: n.connectionString, port: n.port })) });
  },
});
