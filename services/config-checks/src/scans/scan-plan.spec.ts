import { batchSizeFor, cutIntoBatches, MAX_SCAN_BATCH_SIZE, SCAN_BATCH_SIZE } from './scan-plan';
import type { PlannedEvaluation } from './scan-task.row';

describe('scan plans', () => {
  it.each([
    [1, SCAN_BATCH_SIZE],
    [750, SCAN_BATCH_SIZE],
    [20_000, SCAN_BATCH_SIZE],
    [364_524, 1823],
    [10_000_000, MAX_SCAN_BATCH_SIZE],
  ])('cuts %i evaluations into batches of %i', (total, size) => {
    expect(batchSizeFor(total)).toBe(size);
  });

  it('orders evaluations by asset, then item, and keeps every one exactly once', () => {
    const plan: PlannedEvaluation[] = [
      ['b-item', 'asset-2'],
      ['a-item', 'asset-2'],
      ['b-item', 'asset-1'],
      ['a-item', 'asset-3'],
      ['a-item', 'asset-1'],
    ];
    expect(cutIntoBatches([...plan], 2)).toEqual([
      [
        ['a-item', 'asset-1'],
        ['b-item', 'asset-1'],
      ],
      [
        ['a-item', 'asset-2'],
        ['b-item', 'asset-2'],
      ],
      [['a-item', 'asset-3']],
    ]);
    expect(cutIntoBatches([], 100)).toEqual([]);
  });
});
