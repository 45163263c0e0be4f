import type { Listener } from '@rampart/asset-model';
import type { JsonObject } from '../../model/check-result.definition';
import { cidrMatcher } from '../../network/cidr.matcher';

export type ListenerAccess = 'restricted' | 'open' | 'unknown';

/** Whether a listener admits the whole internet: ACL off, a blacklist, or a whitelist containing a world entry. */
export function listenerAccess(listener: Listener): ListenerAccess {
  if (listener.aclStatus !== 'on') return 'open';
  if (listener.aclType === 'black') return 'open';
  if (listener.aclEntries === null) return 'unknown';
  if (listener.aclEntries.length === 0) return 'restricted';
  return listener.aclEntries.some((e) => cidrMatcher.isWorld(e.cidr)) ? 'open' : 'restricted';
}

export function listenerEvidence(listener: Listener): JsonObject {
  return {
    port: listener.port, protocol: listener.protocol, backendPort: listener.backendPort, aclStatus: listener.aclStatus,
    aclType: listener.aclType, aclId: listener.aclId,
  };
}

export function isLiveListener(listener: Listener): boolean {
  return listener.status === 'running';
}
