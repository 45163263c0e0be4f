import { BASELINE_STANDARDS, type BaselineStandard, type BaselineStatus } from './baseline-check-item';
import type { BaselinePolicy } from './baseline-policy';

export interface StandardScore {
  readonly standard: BaselineStandard;
  readonly passed: number;
  readonly failed: number;
  readonly errors: number;
  readonly manual: number;
  readonly notApplicable: number;
  /** passed / (passed + failed + errors) × 100, one decimal; null when nothing applicable was decided. */
  readonly score: number | null;
}

const referencing = new WeakMap<BaselinePolicy, readonly { standard: BaselineStandard; itemIds: readonly string[] }[]>();

/** The policy's item ids per standard they reference, computed once per policy. */
function itemsByStandard(policy: BaselinePolicy): readonly { standard: BaselineStandard; itemIds: readonly string[] }[] {
  let value = referencing.get(policy);
  if (value === undefined) {
    value = BASELINE_STANDARDS.map((standard) => ({ standard, itemIds: policy.items.filter(({ item }) => item.standards.some((s) => s.standard === standard)).map(({ item }) => item.id) })).filter((s) => s.itemIds.length > 0);
    referencing.set(policy, value);
  }
  return value;
}

/**
 * Host score per standard over the policy's items that reference it. NOT_APPLICABLE and MANUAL items are excluded;
 * ERROR counts against the host (unknown is never safe).
 */
export function scoreHost(results: readonly { readonly itemId: string; readonly status: BaselineStatus }[], policy: BaselinePolicy): StandardScore[] {
  const statusById = new Map<string, BaselineStatus>();
  for (const r of results) statusById.set(r.itemId, r.status);
  return itemsByStandard(policy).map(({ standard, itemIds }) => {
    const count = { PASS: 0, FAIL: 0, ERROR: 0, MANUAL: 0, NOT_APPLICABLE: 0 };
    for (const id of itemIds) {
      const status = statusById.get(id);
      if (status !== undefined) count[status]++;
    }
    const decided = count.PASS + count.FAIL + count.ERROR;
    return { standard, passed: count.PASS, failed: count.FAIL, errors: count.ERROR, manual: count.MANUAL, notApplicable: count.NOT_APPLICABLE, score: decided === 0 ? null : Math.round((count.PASS / decided) * 1000) / 10 };
  });
}
