import type { CheckItem } from '../checks';
import type { CheckResultSummaryModel } from './check-result-summary.model';

/** Current results of one check item with one status (as read), as the summary query groups them. */
export interface ItemStatusCount {
  checkItemId: string;
  status: string;
  count: number;
}

const STATUSES = ['PASS', 'FAIL', 'ERROR', 'NOT_APPLICABLE', 'WHITELISTED'] as const;
const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW'] as const;

interface Tally {
  failing: number;
  high: number;
}

function tally(map: Map<string, Tally>, key: string, failing: number, high: boolean): void {
  const current = map.get(key) ?? { failing: 0, high: 0 };
  current.failing += failing;
  if (high) current.high += failing;
  map.set(key, current);
}

const ranked = (map: Map<string, Tally>) =>
  [...map.entries()].sort(([a, x], [b, y]) => y.failing - x.failing || y.high - x.high || a.localeCompare(b));

/** Folds per-item counts into statuses, and failing ones into severity, product and standard via the catalogue. */
export function summariseCounts(counts: readonly ItemStatusCount[], catalogue: readonly CheckItem[]): CheckResultSummaryModel {
  const items = new Map(catalogue.map((item) => [item.id, item]));
  const byStatus = new Map<string, number>(STATUSES.map((status) => [status, 0]));
  const bySeverity = new Map<string, number>(SEVERITIES.map((severity) => [severity, 0]));
  const products = new Map<string, Tally>();
  const standards = new Map<string, Tally>();
  let total = 0;
  for (const { checkItemId, status, count } of counts) {
    total += count;
    byStatus.set(status, (byStatus.get(status) ?? 0) + count);
    const item = items.get(checkItemId);
    if (status !== 'FAIL' || !item) continue;
    bySeverity.set(item.severity, (bySeverity.get(item.severity) ?? 0) + count);
    const high = item.severity === 'HIGH';
    tally(products, item.product, count, high);
    for (const standard of new Set(item.standards.map((ref) => ref.standard))) tally(standards, standard, count, high);
  }
  return {
    total,
    byStatus: [...byStatus].map(([status, count]) => ({ status, count })),
    bySeverity: [...bySeverity].map(([severity, failing]) => ({ severity, failing })),
    byProduct: ranked(products).map(([product, { failing, high }]) => ({ product, failing, high })),
    byStandard: ranked(standards).map(([standard, { failing, high }]) => ({ standard, failing, high })),
  };
}
