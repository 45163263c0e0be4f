import { standardRef } from '../standard-ref.factory';
import { defineSlsAlertCheck } from './sls-alert-check.factory';

export const slsAlertVpcRouteChanges = defineSlsAlertCheck({
  id: 'sls-alert-vpc-route-changes',
  subject: 'VPC route changes',
  severity: 'MEDIUM',
  standards: [standardRef.cis('2.12'), standardRef.mlps('8.1.5.4f')],
  allOf: ['CreateRouteEntry', 'DeleteRouteEntry', 'ModifyRouteEntry', 'AssociateRouteTable', 'UnassociateRouteTable'],
  anyOf: ['Ecs', 'Vpc'],
  rationale: 'Route changes can divert traffic through attacker-controlled hosts or bypass inspection.',
});
