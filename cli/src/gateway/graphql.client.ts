import type { Command } from 'commander';

export interface GatewayOptions {
  gateway: string;
  token?: string;
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** The global --gateway and --token options as a subcommand sees them. */
export function gatewayOptionsOf(command: Command): GatewayOptions {
  const options = command.optsWithGlobals<{ gateway: string; token?: string }>();
  return { gateway: options.gateway, token: options.token ?? process.env.RAMPART_TOKEN };
}

/** One GraphQL request to the gateway; a GraphQL error becomes an Error naming its code. */
export async function gatewayRequest<T>(options: GatewayOptions, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  if (!options.token) throw new Error('no token: pass --token or set RAMPART_TOKEN (see `rampart token`)');
  const response = await fetch(options.gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
    body: JSON.stringify({ query, variables }),
  });
  const answer = (await response.json().catch(() => ({}))) as GraphQLAnswer<T>;
  if (answer.errors?.length) {
    const [first] = answer.errors;
    throw new Error(`${first.extensions?.code ?? 'ERROR'}: ${first.message}`);
  }
  if (!response.ok || !answer.data) throw new Error(`gateway answered HTTP ${response.status}`);
  return answer.data;
}
