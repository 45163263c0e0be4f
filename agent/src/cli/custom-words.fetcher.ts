import { gatewayQuery, type GatewayOptions } from './gateway.query';

/** The tenant's custom dictionary words (`weakPasswordWords`), tested on the host next to the shipped dictionary. */
export async function fetchCustomWords(options: GatewayOptions): Promise<string[]> {
  return (await gatewayQuery<{ weakPasswordWords: string[] }>(options, '{ weakPasswordWords }', {})).weakPasswordWords;
}
