import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import type { JsonObject } from '../../model/check-result.definition';
import { standardRef } from '../standard-ref.factory';

export const sasAgentAllAssets = defineCheck({
  id: 'sas-agent-all-assets',
  title: 'All assets have an online Security Center agent',
  description:
    'Fails when an asset known to Security Center has an agent that is not online, or a running ECS instance of the inventory is missing from ' +
    'Security Center\'s asset list. One result per account.',
  rationale: 'Hosts without a working agent are blind spots for intrusion detection and vulnerability management.',
  severity: 'MEDIUM',
  product: 'SAS',
  kind: 'securityCenter',
  free: true,
  standards: [standardRef.cis('8.2'), standardRef.mlps('8.1.4.5'), standardRef.mlps('8.1.5.4e')],
  remediation: 'Install or repair the agent on each listed asset (Assets → Install agent) and check its network path to Security Center.',
  apis: ['Sas:DescribeCloudCenterInstances', 'Ecs:DescribeInstances'],
  reads: ['agents'],
  params: { acceptOffline: { type: 'boolean', default: false, description: 'Count installed but offline agents as protected.' } },
  evaluate(asset, ctx, params) {
    const agents = asset.configuration.agents;
    const offenders: JsonObject[] = agents
      .filter((a) => a.clientStatus !== 'online' && !(params.acceptOffline && a.clientStatus === 'offline'))
      .map((a) => ({ instanceId: a.instanceId, clientStatus: a.clientStatus }));
    const known = new Set(agents.map((a) => a.instanceId));
    for (const instance of ctx.ofKind('ecsInstance', asset.accountId)) {
      if (instance.configuration.status === 'Running' && !known.has(instance.configuration.instanceId)) {
        offenders.push({ instanceId: instance.configuration.instanceId, clientStatus: 'not-listed' });
      }
    }
    if (offenders.length === 0) return verdict.pass(`${agents.length} agent(s) online`);
    return verdict.fail(`${offenders.length} asset(s) without an online agent, e.g. ${String(offenders[0].instanceId)} (${String(offenders[0].clientStatus)})`, {
      field: 'agents', assets: offenders.slice(0, 100), count: offenders.length,
    });
  },
});
