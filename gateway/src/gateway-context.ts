import type { Identity } from '@rampart/platform';

export interface GatewayContext {
  identity: Identity;
  /** The identity signed for subgraphs, once per request. */
  forwardedIdentity?: string;
  requestId: string;
}
