export interface GatewayOptions {
  gateway: string;
  token: string;
}

/** One GraphQL operation through the gateway with the agent's token; GraphQL errors become one thrown message. */
export async function gatewayQuery<T>(options: GatewayOptions, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(options.gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors !== undefined && body.errors.length > 0) throw new Error(body.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; '));
  if (body.data === undefined || body.data === null) throw new Error(`unexpected gateway answer (HTTP ${response.status})`);
  return body.data;
}
