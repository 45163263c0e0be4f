import { standardRef } from '../standard-ref.factory';
import { defineSlsAlertCheck } from './sls-alert-check.factory';

export const slsAlertVpcChanges = defineSlsAlertCheck({
  id: 'sls-alert-vpc-changes',
  subject: 'VPC changes',
  severity: 'MEDIUM',
  standards: [standardRef.cis('2.13'), standardRef.mlps('8.1.5.4f')],
  allOf: ['CreateVpc', 'DeleteVpc', 'DisableVpcClassicLink', 'EnableVpcClassicLink', 'DeletionProtection', 'AssociateVpcCidrBlock', 'UnassociateVpcCidrBlock', 'RevokeInstanceFromCen', 'CreateVSwitch', 'DeleteVSwitch'],
  anyOf: ['Ecs', 'Vpc'],
  rationale: 'VPC and VSwitch changes alter the network boundary itself.',
});
