import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';

export const vpcFlowLogEnabled = defineCheck({
  id: 'vpc-flow-log-enabled',
  title: 'VPC flow logging is enabled on the VPC',
  description: 'Fails for a VPC without an Active flow log whose resource is the VPC itself.',
  rationale: 'Flow logs are the record of which addresses talked to which ports: essential to scope an intrusion or exfiltration.',
  severity: 'MEDIUM',
  product: 'VPC',
  kind: 'vpc',
  free: true,
  standards: [standardRef.cis('3.3'), standardRef.mlps('8.1.3.5a')],
  remediation: 'Create a flow log for the VPC delivering to an SLS logstore (CreateFlowLog ResourceType=VPC TrafficType=All).',
  apis: ['Vpc:DescribeVpcs', 'Vpc:DescribeFlowLogs'],
  reads: ['flowLogs'],
  evaluate(asset) {
    const { vpcId, flowLogs } = asset.configuration;
    const own = flowLogs.filter((f) => f.resourceType === 'VPC' && f.resourceId === vpcId);
    const active = own.find((f) => f.status === 'Active');
    if (active !== undefined) return verdict.pass(`Flow log ${active.flowLogId} is active`);
    return verdict.fail(own.length > 0 ? `Flow log ${own[0].flowLogId} is ${own[0].status}` : 'The VPC has no flow log', {
      field: 'flowLogs', flowLogs: own.map((f) => ({ flowLogId: f.flowLogId, status: f.status })),
    });
  },
  fix: {
    description: 'CreateFlowLog on the VPC into the given SLS project/logstore; the rollback deletes the flow log it created.',
    writeActions: ['Vpc:CreateFlowLog'],
    rollbackActions: ['Vpc:DeleteFlowLog'],
    captureActions: ['Vpc:DescribeFlowLogs'],
    params: {
      projectName: { type: 'string', default: '', description: 'SLS project receiving the flow log (required).' },
      logStoreName: { type: 'string', default: '', description: 'SLS logstore receiving the flow log (required).' },
      trafficType: { type: 'string', default: 'All', enum: ['All', 'Allow', 'Drop'], description: 'Traffic to capture.' },
    },
    plan(asset, _ctx, _params, fixParams) {
      if (fixParams.projectName === '' || fixParams.logStoreName === '') return { ok: false, reason: 'projectName and logStoreName are required to create a flow log' };
      const { vpcId } = asset.configuration;
      return {
        ok: true,
        plan: {
          summary: `Create a flow log for ${vpcId} into ${fixParams.projectName}/${fixParams.logStoreName}`,
          capture: [{ call: { product: 'Vpc', action: 'DescribeFlowLogs', region: asset.region, params: { RegionId: asset.region, ResourceId: vpcId, ResourceType: 'VPC' } }, fields: ['flowLogs'] }],
          priorState: { flowLogs: asset.configuration.flowLogs.filter((f) => f.resourceId === vpcId).map((f) => ({ flowLogId: f.flowLogId, status: f.status })) },
          writes: [{
            product: 'Vpc', action: 'CreateFlowLog', region: asset.region,
            params: { RegionId: asset.region, ResourceType: 'VPC', ResourceId: vpcId, TrafficType: fixParams.trafficType, ProjectName: fixParams.projectName, LogStoreName: fixParams.logStoreName, FlowLogName: `rampart-${vpcId}` },
          }],
          rollback: [{ product: 'Vpc', action: 'DeleteFlowLog', region: asset.region, params: { RegionId: asset.region, FlowLogId: { $output: { write: 0, path: 'FlowLogId' } } } }],
        },
      };
    },
  },
});
