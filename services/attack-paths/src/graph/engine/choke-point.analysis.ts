import { immediateDominators } from './dominator.tree';

export interface ChokePoint {
  nodeId: string;
  /** How many of the given paths every route to their target crosses this node: fixing it breaks them all. */
  pathsBroken: number;
}

/**
 * Choke points of a set of attack paths: on the union of their edges, with a virtual root in front of
 * every entry, a node that strictly dominates a path's target lies on every route to it. Each path
 * credits the dominators of its target; nodes that cannot be fixed (Internet, foreign accounts) are skipped.
 */
export function chokePointsOf(
  paths: ReadonlyArray<{ nodeIds: readonly string[] }>,
  fixable: (nodeId: string) => boolean,
): ChokePoint[] {
  const ids: string[] = [];
  const local = new Map<string, number>();
  const idOf = (id: string): number => {
    let i = local.get(id);
    if (i === undefined) {
      i = ids.length;
      ids.push(id);
      local.set(id, i);
    }
    return i;
  };
  for (const path of paths) path.nodeIds.forEach(idOf);
  const n = ids.length + 1;
  const root = ids.length;
  const succ: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  for (const path of paths) {
    succ[root].add(idOf(path.nodeIds[0]));
    for (let i = 0; i + 1 < path.nodeIds.length; i++) succ[idOf(path.nodeIds[i])].add(idOf(path.nodeIds[i + 1]));
  }
  const successors = succ.map((s) => [...s].sort((a, b) => a - b));
  const predecessors: number[][] = Array.from({ length: n }, () => []);
  successors.forEach((list, from) => list.forEach((to) => predecessors[to].push(from)));
  const idom = immediateDominators(n, root, successors, predecessors);
  const counts = new Map<number, number>();
  for (const path of paths) {
    const target = idOf(path.nodeIds[path.nodeIds.length - 1]);
    for (let d = idom[target]; d !== root && d !== -1; d = idom[d]) {
      if (fixable(ids[d])) counts.set(d, (counts.get(d) ?? 0) + 1);
    }
  }
  return [...counts]
    .map(([node, pathsBroken]) => ({ nodeId: ids[node], pathsBroken }))
    .sort((a, b) => b.pathsBroken - a.pathsBroken || (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0));
}
