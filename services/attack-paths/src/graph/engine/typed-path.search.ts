import { NODE_KIND_CODE } from '../security-graph.model';
import type { CsrSnapshot } from './csr.snapshot';
import { LabelHeap } from './label.heap';
import type { PatternAutomaton } from './path-pattern.automaton';

/** A path in snapshot indices: `nodes.length === edges.length + 1`, `states[i]` = automaton state at `nodes[i]`. */
export interface RawPath {
  nodes: number[];
  edges: number[];
  states: number[];
  cost: number;
}

export interface TypedSearch {
  automaton: PatternAutomaton;
  source: number;
  /** Automaton state at the source (Yen's spur searches start mid-pattern). */
  startState?: number;
  /** Which accepted nodes count as targets. */
  isTarget: (node: number) => boolean;
  /** Stop at the first target found (Yen's spur search for one target). */
  firstOnly?: boolean;
  bannedNodes?: ReadonlySet<number>;
  bannedEdges?: ReadonlySet<number>;
  /** Upper bound on settled labels, a guard against runaway searches on huge graphs. */
  maxSettled?: number;
  /** From `usefulStates`: (node × state) pairs that can still end on a target; others are never expanded. */
  useful?: Uint8Array;
}

/**
 * Backward pass over the product graph from every (target, accepting state): marks the (node, state)
 * pairs from which the pattern can still reach a target. Searches from many entries then skip the large
 * parts of the graph that lead nowhere (e.g. everything before a rare pivot edge such as CAN_SET_LOGIN),
 * and entries whose start is not useful are not searched at all. Hubs are crossed as in the forward search.
 */
export function usefulStates(csr: CsrSnapshot, automaton: PatternAutomaton, isTarget: (node: number) => boolean): Uint8Array {
  const S = automaton.stateCount;
  const HUB = NODE_KIND_CODE.ResourceGroup;
  const useful = new Uint8Array(csr.nodeCount * S);
  const hubDone = new Uint8Array(csr.nodeCount * S);
  const queue: number[] = [];
  for (let v = 0; v < csr.nodeCount; v++) {
    if (!isTarget(v)) continue;
    for (let s = 0; s < S; s++) {
      if (automaton.isAccepting(s)) { useful[v * S + s] = 1; queue.push(v * S + s); }
    }
  }
  const edgeMask = automaton.anyEdgeMask;
  const mark = (node: number, state: number): void => {
    const key = node * S + state;
    if (useful[key] === 0) { useful[key] = 1; queue.push(key); }
  };
  const reach = (state: number, kindOfInto: number, edge: number): void => {
    const kind = csr.kinds[edge];
    if ((edgeMask & (1 << kind)) === 0) return;
    for (const p of automaton.predecessors(state, kind, kindOfInto)) mark(csr.sources[edge], p);
  };
  while (queue.length > 0) {
    const key = queue.pop()!;
    const v = Math.floor(key / S);
    const state = key % S;
    for (let i = csr.reverseOffsets[v]; i < csr.reverseOffsets[v + 1]; i++) {
      const e = csr.reverseEdges[i];
      const u = csr.sources[e];
      if (csr.nodeKinds[u] !== HUB) { reach(state, csr.nodeKinds[v], e); continue; }
      // u is a hub: the step is (grant edge into u) + (membership edge u → v); do each hub once per state
      if (hubDone[u * S + state]) continue;
      hubDone[u * S + state] = 1;
      for (let j = csr.reverseOffsets[u]; j < csr.reverseOffsets[u + 1]; j++) reach(state, csr.nodeKinds[v], csr.reverseEdges[j]);
    }
  }
  return useful;
}

/**
 * Least-weight typed paths from one source: Dijkstra over the product of the graph and the pattern
 * automaton, loopless (a label never revisits a node of its own path), ties broken by hops then by
 * insertion order. Returns the best path to every target node. A ResourceGroup hub is crossed in one
 * step (grant edge + membership edge count as one edge of the grant's kind), so patterns never see hubs.
 */
export function searchTypedPaths(csr: CsrSnapshot, search: TypedSearch): Map<number, RawPath> {
  const { automaton, source } = search;
  const S = automaton.stateCount;
  const labelNode: number[] = [];
  const labelState: number[] = [];
  const labelPrev: number[] = [];
  const labelEdge: number[] = [];
  const labelHubEdge: number[] = [];
  const HUB = NODE_KIND_CODE.ResourceGroup;
  const labelCost: number[] = [];
  const labelHops: number[] = [];
  const best = new Map<number, number>();
  const settled = new Set<number>();
  const found = new Map<number, RawPath>();
  const heap = new LabelHeap();
  const next = new Int32Array(S);
  const edgeMask = automaton.anyEdgeMask;
  const maxSettled = search.maxSettled ?? 5_000_000;

  const useful = search.useful;
  const addLabel = (node: number, state: number, prev: number, edge: number, hubEdge: number, cost: number, hops: number): void => {
    const key = node * S + state;
    if (useful && useful[key] === 0) return;
    const known = best.get(key);
    if (known !== undefined && known <= cost) return;
    best.set(key, cost);
    const label = labelNode.length;
    labelNode.push(node); labelState.push(state); labelPrev.push(prev); labelEdge.push(edge); labelHubEdge.push(hubEdge); labelCost.push(cost); labelHops.push(hops);
    heap.push(label, cost, hops);
  };
  const onPath = (label: number, node: number): boolean => {
    for (let l = label; l !== -1; l = labelPrev[l]) if (labelNode[l] === node) return true;
    return false;
  };
  const rebuild = (label: number): RawPath => {
    const nodes: number[] = [];
    const edges: number[] = [];
    const states: number[] = [];
    for (let l = label; l !== -1; l = labelPrev[l]) {
      nodes.push(labelNode[l]);
      states.push(labelState[l]);
      if (labelHubEdge[l] !== -1) {
        edges.push(labelHubEdge[l]);
        nodes.push(csr.sources[labelHubEdge[l]]);
        states.push(labelState[l]);
      }
      if (labelEdge[l] !== -1) edges.push(labelEdge[l]);
    }
    return { nodes: nodes.reverse(), edges: edges.reverse(), states: states.reverse(), cost: labelCost[label] };
  };

  addLabel(source, search.startState ?? automaton.start, -1, -1, -1, 0, 0);
  while (heap.size > 0) {
    const label = heap.pop()!;
    const node = labelNode[label];
    const state = labelState[label];
    const key = node * S + state;
    if (settled.has(key)) continue;
    settled.add(key);
    if (settled.size > maxSettled) break;
    if (node !== source && !found.has(node) && automaton.isAccepting(state) && search.isTarget(node)) {
      found.set(node, rebuild(label));
      if (search.firstOnly) break;
    }
    for (let e = csr.offsets[node]; e < csr.offsets[node + 1]; e++) {
      const kind = csr.kinds[e];
      if ((edgeMask & (1 << kind)) === 0 || search.bannedEdges?.has(e)) continue;
      const to = csr.targets[e];
      if (search.bannedNodes?.has(to)) continue;
      if (csr.nodeKinds[to] === HUB) {
        for (let f = csr.offsets[to]; f < csr.offsets[to + 1]; f++) {
          const member = csr.targets[f];
          if (search.bannedEdges?.has(f) || search.bannedNodes?.has(member)) continue;
          const count = automaton.successors(state, kind, csr.nodeKinds[member], next);
          if (count === 0 || onPath(label, member)) continue;
          const cost = labelCost[label] + csr.weights[e] + csr.weights[f];
          for (let i = 0; i < count; i++) addLabel(member, next[i], label, e, f, cost, labelHops[label] + 2);
        }
        continue;
      }
      const count = automaton.successors(state, kind, csr.nodeKinds[to], next);
      if (count === 0 || onPath(label, to)) continue;
      const cost = labelCost[label] + csr.weights[e];
      for (let i = 0; i < count; i++) addLabel(to, next[i], label, e, -1, cost, labelHops[label] + 1);
    }
  }
  return found;
}
