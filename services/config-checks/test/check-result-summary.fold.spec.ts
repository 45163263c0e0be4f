import { CHECK_CATALOGUE } from '../src/checks';
import { summariseCounts } from '../src/results/check-result-summary';

const mapped = CHECK_CATALOGUE.find((item) => new Set(item.standards.map((s) => s.standard)).size < item.standards.length);

describe('folding per-item counts into the summary', () => {
  it('counts a failing result once per standard even when several controls of it map to the item', () => {
    expect(mapped).toBeDefined();
    const standards = [...new Set(mapped!.standards.map((s) => s.standard))].sort();
    const summary = summariseCounts([{ checkItemId: mapped!.id, status: 'FAIL', count: 5 }], CHECK_CATALOGUE);
    expect(summary.byStandard.map((s) => s.standard).sort()).toEqual(standards);
    for (const standard of summary.byStandard) expect(standard).toMatchObject({ failing: 5, high: mapped!.severity === 'HIGH' ? 5 : 0 });
  });

  it('counts results of a check item no longer in the catalogue by status only', () => {
    const summary = summariseCounts(
      [
        { checkItemId: 'retired-item', status: 'FAIL', count: 2 },
        { checkItemId: 'ram-root-mfa', status: 'PASS', count: 3 },
      ],
      CHECK_CATALOGUE,
    );
    expect(summary.total).toBe(5);
    expect(summary.byStatus).toContainEqual({ status: 'FAIL', count: 2 });
    expect(summary.bySeverity.every((s) => s.failing === 0)).toBe(true);
    expect(summary).toMatchObject({ byProduct: [], byStandard: [] });
  });

  it('ranks products by failing, then high, then name', () => {
    const high = CHECK_CATALOGUE.find((i) => i.severity === 'HIGH')!;
    const low = CHECK_CATALOGUE.find((i) => i.severity === 'LOW' && i.product !== high.product)!;
    const summary = summariseCounts(
      [
        { checkItemId: low.id, status: 'FAIL', count: 4 },
        { checkItemId: high.id, status: 'FAIL', count: 4 },
      ],
      CHECK_CATALOGUE,
    );
    expect(summary.byProduct).toEqual([
      { product: high.product, failing: 4, high: 4 },
      { product: low.product, failing: 4, high: 0 },
    ]);
  });
});
