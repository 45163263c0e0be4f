/**
 * Immediate dominators by Cooper, Harvey and Kennedy ("A Simple, Fast Dominance Algorithm", 2001): the
 * iterative data-flow solution over reverse postorder, fast on the small entry→target subgraphs here.
 * Nodes are 0..n-1, `root` dominates everything reachable; unreachable nodes get idom -1.
 */
export function immediateDominators(n: number, root: number, successors: readonly number[][], predecessors: readonly number[][]): Int32Array {
  const order: number[] = []; // postorder
  const visited = new Uint8Array(n);
  const stack: Array<[number, number]> = [[root, 0]];
  visited[root] = 1;
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const [node, i] = top;
    if (i < successors[node].length) {
      top[1] = i + 1;
      const next = successors[node][i];
      if (!visited[next]) {
        visited[next] = 1;
        stack.push([next, 0]);
      }
    } else {
      order.push(node);
      stack.pop();
    }
  }
  const postIndex = new Int32Array(n).fill(-1);
  order.forEach((node, i) => { postIndex[node] = i; });
  const idom = new Int32Array(n).fill(-1);
  idom[root] = root;
  const intersect = (a: number, b: number): number => {
    while (a !== b) {
      while (postIndex[a] < postIndex[b]) a = idom[a];
      while (postIndex[b] < postIndex[a]) b = idom[b];
    }
    return a;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = order.length - 1; i >= 0; i--) {
      const node = order[i];
      if (node === root) continue;
      let candidate = -1;
      for (const p of predecessors[node]) {
        if (idom[p] === -1) continue;
        candidate = candidate === -1 ? p : intersect(p, candidate);
      }
      if (candidate !== -1 && idom[node] !== candidate) {
        idom[node] = candidate;
        changed = true;
      }
    }
  }
  return idom;
}
