import type { HostFacts } from '@rampart/host-facts';

const MUTATION = `mutation ReportHostFacts($hostname: String!, $instanceId: String, $facts: JSON!) {
  reportHostFacts(input: { hostname: $hostname, instanceId: $instanceId, facts: $facts }) { id }
}`;

/** Submits facts through the gateway's `reportHostFacts`; returns the host id. */
export async function reportHostFacts(facts: HostFacts, options: { gateway: string; token: string; instanceId?: string }): Promise<string> {
  const response = await fetch(options.gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
    body: JSON.stringify({ query: MUTATION, variables: { hostname: facts.hostname, instanceId: options.instanceId ?? null, facts } }),
  });
  const body = (await response.json()) as { data?: { reportHostFacts?: { id: string } }; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors !== undefined && body.errors.length > 0) throw new Error(body.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; '));
  const id = body.data?.reportHostFacts?.id;
  if (id === undefined) throw new Error(`unexpected gateway answer (HTTP ${response.status})`);
  return id;
}
