import { createHash } from 'node:crypto';

/** Stable path id: a hash of the type and the node ids in order, so a whitelist entry survives rebuilds. */
export function pathIdOf(typeId: string, nodeIds: readonly string[]): string {
  return `ap_${createHash('sha256').update(`${typeId}\n${nodeIds.join('\n')}`).digest('hex').slice(0, 24)}`;
}
