import { FLAG_VIRTUAL, type CsrSnapshot } from './csr.snapshot';
import { NODE_KIND_CODE } from '../security-graph.model';

export interface BlastRadiusOptions {
  /** Count an administered account as control of every asset it owns (default true). */
  expandAdministeredAccounts?: boolean;
}

/** Every node reachable from `start` over traversable edges (breadth-first), sorted by id; `start` excluded. */
export function blastRadiusOf(csr: CsrSnapshot, start: number, options: BlastRadiusOptions = {}): string[] {
  if (start < 0) return [];
  const seen = new Uint8Array(csr.nodeCount);
  const queue = new Int32Array(csr.nodeCount);
  let head = 0;
  let tail = 0;
  seen[start] = 1;
  queue[tail++] = start;
  const accounts = new Set<string>();
  const accountKind = NODE_KIND_CODE.AliyunAccount;
  while (head < tail) {
    const node = queue[head++];
    if (csr.nodeKinds[node] === accountKind && node !== start) {
      const accountId = csr.nodes[node].accountId;
      if (accountId) accounts.add(accountId);
    }
    for (let e = csr.offsets[node]; e < csr.offsets[node + 1]; e++) {
      const to = csr.targets[e];
      if (!seen[to]) {
        seen[to] = 1;
        queue[tail++] = to;
      }
    }
  }
  if ((options.expandAdministeredAccounts ?? true) && accounts.size > 0) {
    for (let v = 0; v < csr.nodeCount; v++) {
      const accountId = csr.nodes[v].accountId;
      if (!seen[v] && accountId !== null && accounts.has(accountId) && (csr.nodeFlags[v] & FLAG_VIRTUAL) === 0) seen[v] = 1;
    }
  }
  const out: string[] = [];
  const hub = NODE_KIND_CODE.ResourceGroup;
  for (let v = 0; v < csr.nodeCount; v++) if (seen[v] && v !== start && csr.nodeKinds[v] !== hub) out.push(csr.nodes[v].id);
  return out;
}
