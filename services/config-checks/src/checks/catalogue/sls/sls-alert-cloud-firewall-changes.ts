import { standardRef } from '../standard-ref.factory';
import { defineSlsAlertCheck } from './sls-alert-check.factory';

export const slsAlertCloudFirewallChanges = defineSlsAlertCheck({
  id: 'sls-alert-cloud-firewall-changes',
  subject: 'Cloud Firewall policy changes',
  severity: 'MEDIUM',
  standards: [standardRef.cis('2.11'), standardRef.mlps('8.1.5.4f')],
  allOf: ['CreateVpcFirewallControlPolicy', 'DeleteVpcFirewallControlPolicy', 'ModifyVpcFirewallControlPolicy'],
  anyOf: ['Cloudfw', 'CloudFirewall'],
  rationale: 'Firewall policy edits can silently open the network; review them as they happen.',
});
