import type { HostFacts } from '@rampart/host-facts';
import { gatewayQuery, type GatewayOptions } from './gateway.query';

const MUTATION = `mutation ReportHostFacts($hostname: String!, $instanceId: String, $facts: JSON!) {
  reportHostFacts(input: { hostname: $hostname, instanceId: $instanceId, facts: $facts }) { id }
}`;

/** Submits facts through the gateway's `reportHostFacts`; returns the host id. */
export async function reportHostFacts(facts: HostFacts, options: GatewayOptions & { instanceId?: string }): Promise<string> {
  const data = await gatewayQuery<{ reportHostFacts: { id: string } }>(options, MUTATION, { hostname: facts.hostname, instanceId: options.instanceId ?? null, facts });
  return data.reportHostFacts.id;
}
