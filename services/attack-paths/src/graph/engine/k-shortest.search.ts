import { NODE_KIND_CODE } from '../security-graph.model';
import type { CsrSnapshot } from './csr.snapshot';

const HUB = NODE_KIND_CODE.ResourceGroup;
import type { PatternAutomaton } from './path-pattern.automaton';
import { searchTypedPaths, type RawPath } from './typed-path.search';

const pathKey = (p: RawPath): string => p.edges.join(',');

function better(a: RawPath, b: RawPath): number {
  return a.cost - b.cost || a.edges.length - b.edges.length || (pathKey(a) < pathKey(b) ? -1 : pathKey(a) > pathKey(b) ? 1 : 0);
}

/**
 * Yen's algorithm over the typed product graph: the k least-weight loopless paths from source to target
 * that the pattern accepts. Each spur search starts in the automaton state the root path left it in.
 */
export function kShortestTyped(csr: CsrSnapshot, automaton: PatternAutomaton, source: number, target: number, k: number): RawPath[] {
  const first = searchTypedPaths(csr, { automaton, source, isTarget: (n) => n === target, firstOnly: true }).get(target);
  if (!first || k <= 0) return [];
  const accepted: RawPath[] = [first];
  const candidates: RawPath[] = [];
  const seen = new Set<string>([pathKey(first)]);
  while (accepted.length < k) {
    const previous = accepted[accepted.length - 1];
    for (let spur = 0; spur < previous.nodes.length - 1; spur++) {
      if (csr.nodeKinds[previous.nodes[spur]] === HUB) continue; // a hub is crossed, never a place to branch
      const rootNodes = previous.nodes.slice(0, spur + 1);
      const rootEdges = previous.edges.slice(0, spur);
      const rootStates = previous.states.slice(0, spur + 1);
      const bannedEdges = new Set<number>();
      for (const p of accepted) {
        if (p.nodes.length > spur && rootNodes.every((n, i) => p.nodes[i] === n && p.states[i] === rootStates[i])) bannedEdges.add(p.edges[spur]);
      }
      const bannedNodes = new Set<number>(rootNodes.slice(0, spur));
      const spurPath = searchTypedPaths(csr, {
        automaton, source: rootNodes[spur], startState: rootStates[spur], isTarget: (n) => n === target, firstOnly: true, bannedNodes, bannedEdges,
      }).get(target);
      if (!spurPath) continue;
      const rootCost = rootEdges.reduce((sum, e) => sum + csr.weights[e], 0);
      const total: RawPath = {
        nodes: [...rootNodes, ...spurPath.nodes.slice(1)],
        edges: [...rootEdges, ...spurPath.edges],
        states: [...rootStates, ...spurPath.states.slice(1)],
        cost: rootCost + spurPath.cost,
      };
      const key = pathKey(total);
      if (seen.has(key) || new Set(total.nodes).size !== total.nodes.length) continue;
      seen.add(key);
      candidates.push(total);
    }
    if (candidates.length === 0) break;
    candidates.sort(better);
    accepted.push(candidates.shift()!);
  }
  return accepted;
}
