import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import { standardRef } from '../standard-ref.factory';
import { securityCenterFor } from './sas-context.lookup';

export const ecsInstanceSecurityAgent = defineCheck({
  id: 'ecs-instance-security-agent',
  title: 'Running ECS instance has an online Security Center agent',
  description: 'Fails for a running instance with no Security Center agent, or whose agent is offline or paused.',
  rationale: 'Without a working agent the host gets no malware detection, vulnerability scanning or baseline checks.',
  severity: 'MEDIUM',
  product: 'ECS',
  kind: 'ecsInstance',
  free: true,
  standards: [standardRef.cis('4.6'), standardRef.mlps('8.1.4.5')],
  remediation: 'Install the Security Center agent (Assets → Install agent, or the one-line installer) and check that it reports online.',
  apis: ['Ecs:DescribeInstances', 'Sas:DescribeCloudCenterInstances'],
  reads: [],
  applicabilityReads: ['status'],
  params: {
    acceptOffline: { type: 'boolean', default: false, description: 'Count an installed but offline agent as protected.' },
  },
  notApplicable: (asset) => (asset.configuration.status === 'Running' ? null : `instance is ${asset.configuration.status}`),
  evaluate(asset, ctx, params) {
    const found = securityCenterFor(ctx, asset, 'agents');
    if (!found.ok) return found.verdict;
    const agent = found.sas.configuration.agents.find((a) => a.instanceId === asset.configuration.instanceId);
    if (agent === undefined) return verdict.fail('No Security Center agent is installed', { field: 'agents', instanceId: asset.configuration.instanceId, clientStatus: null });
    if (agent.clientStatus === 'online' || (params.acceptOffline && agent.clientStatus === 'offline')) {
      return verdict.pass(`Security Center agent is ${agent.clientStatus}`);
    }
    return verdict.fail(`Security Center agent is ${agent.clientStatus}`, { field: 'agents.clientStatus', instanceId: agent.instanceId, clientStatus: agent.clientStatus });
  },
});
