import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const vpcNatDnatAllPorts = defineCheck({
  id: 'vpc-nat-dnat-all-ports',
  title: 'NAT gateway has no DNAT entry forwarding every port (IP mapping)',
  description: 'Fails when a DNAT forward entry maps an external IP with port "any" or protocol "any" to an internal address.',
  rationale: 'A full IP mapping publishes every port of the internal host; only the ports of the served application should be forwarded.',
  severity: 'MEDIUM',
  product: 'VPC',
  kind: 'natGateway',
  free: false,
  standards: [standardRef.mlps('8.1.3.2a'), standardRef.mlps('8.1.3.1a')],
  remediation: 'Replace the IP-mapping DNAT entry with port-mapping entries for the required ports, or bind an EIP and restrict the security group.',
  apis: ['Vpc:DescribeNatGateways', 'Vpc:DescribeForwardTableEntries'],
  reads: ['forwardEntries'],
  evaluate(asset) {
    const wide = asset.configuration.forwardEntries.filter(
      (e) => (e.externalPort.toLowerCase() === 'any' || e.protocol === 'any') && e.status !== 'Deleting',
    );
    if (wide.length === 0) return verdict.pass('DNAT entries forward specific ports only');
    return verdict.fail(`DNAT entry ${wide[0].forwardEntryId} maps ${wide[0].externalIp} (all ports) to ${wide[0].internalIp}`, {
      entries: wide.map((e) => ({ forwardEntryId: e.forwardEntryId, externalIp: e.externalIp, externalPort: e.externalPort, internalIp: e.internalIp, internalPort: e.internalPort, protocol: e.protocol })),
    });
  },
});
