import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import type { FlowLogRef } from '@rampart/asset-model';
import { standardRef } from '../standard-ref.factory';

function deliversToSls(f: FlowLogRef): boolean {
  return f.status === 'Active' && !!f.projectName && !!f.logStoreName;
}

export const vpcFlowLogSls = defineCheck({
  id: 'vpc-flow-log-sls',
  title: 'Virtual network flow logs of the VPC are delivered to Log Service',
  description:
    'Passes when an Active flow log with an SLS project and logstore covers the VPC, or covers every VSwitch of the VPC; lists the VSwitches left uncovered otherwise.',
  rationale: 'Flow logs in SLS can be queried and alerted on; partial coverage leaves whole subnets unrecorded.',
  severity: 'LOW',
  product: 'VPC',
  kind: 'vpc',
  free: false,
  standards: [standardRef.cis('2.5'), standardRef.mlps('8.1.3.5a'), standardRef.mlps('8.1.5.4d')],
  remediation: 'Create flow logs for the VPC (or each VSwitch) delivering to an SLS logstore.',
  apis: ['Vpc:DescribeVpcs', 'Vpc:DescribeVSwitches', 'Vpc:DescribeFlowLogs'],
  reads: ['flowLogs', 'vSwitchIds'],
  evaluate(asset) {
    const { vpcId, flowLogs, vSwitchIds } = asset.configuration;
    const vpcLog = flowLogs.find((f) => f.resourceType === 'VPC' && f.resourceId === vpcId && deliversToSls(f));
    if (vpcLog !== undefined) return verdict.pass(`Flow log ${vpcLog.flowLogId} delivers to ${vpcLog.projectName}/${vpcLog.logStoreName}`);
    const covered = new Set(flowLogs.filter((f) => f.resourceType === 'VSwitch' && deliversToSls(f)).map((f) => f.resourceId));
    const uncovered = vSwitchIds.filter((id) => !covered.has(id));
    if (vSwitchIds.length > 0 && uncovered.length === 0) return verdict.pass(`All ${vSwitchIds.length} VSwitch(es) have flow logs in SLS`);
    return verdict.fail(vSwitchIds.length === 0 ? 'No flow log of the VPC delivers to SLS' : `${uncovered.length} VSwitch(es) without flow logs in SLS`, {
      field: 'flowLogs', uncoveredVSwitches: uncovered,
    });
  },
});
