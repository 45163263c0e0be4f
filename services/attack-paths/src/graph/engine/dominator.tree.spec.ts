import { chokePointsOf } from './choke-point.analysis';
import { immediateDominators } from './dominator.tree';

describe('dominators and choke points', () => {
  it('finds immediate dominators of a diamond with a tail (Cooper–Harvey–Kennedy)', () => {
    // 0 → 1, 0 → 2, 1 → 3, 2 → 3, 3 → 4
    const succ = [[1, 2], [3], [3], [4], []];
    const pred = [[], [0], [0], [1, 2], [3]];
    expect([...immediateDominators(5, 0, succ, pred)]).toEqual([0, 0, 0, 0, 3]);
  });

  it('credits the node every route to a target crosses, not a node only some routes cross', () => {
    const points = chokePointsOf([
      { nodeIds: ['internet', 'web-1', 'role', 'account'] },
      { nodeIds: ['internet', 'web-2', 'role', 'account'] },
      { nodeIds: ['key', 'user', 'role', 'bucket'] },
    ], (id) => id !== 'internet');
    expect(points).toEqual([{ nodeId: 'role', pathsBroken: 3 }]);
  });
});
